import { Router } from 'express'
import { listAdapters } from '../api/listAdapters.js'
import { pinAdapter } from '../api/pinAdapter.js'
import { registerAdapter } from '../api/registerAdapter.js'
import { removeAdapter } from '../api/removeAdapter.js'
import { unpinAdapter } from '../api/unpinAdapter.js'
import type { LoraHost } from '../host/LoraHost.js'

/**
 * The adapter routes: `GET /v1/adapters`, `POST /v1/adapters` (register from a folder on the host, or
 * uploaded as JSON with the weights in base64), `DELETE /v1/adapters/:id`, `POST /v1/adapters/:id/pin` and
 * `/unpin`. They administer the host: serve them on loopback or behind authentication.
 *
 * @example
 * app.use('/v1/adapters', express.json({ limit: '512mb' }))
 * app.use(adapterRouter(host))
 */
export function adapterRouter(host: LoraHost): Router {
  const router = Router()
  router.get('/v1/adapters', (_req, res) => {
    res.json(listAdapters(host))
  })
  router.post('/v1/adapters', async (req, res) => {
    res.json(await registerAdapter(host, req.body))
  })
  router.delete('/v1/adapters/:id', (req, res) => {
    res.json(removeAdapter(host, req.params.id))
  })
  router.post('/v1/adapters/:id/pin', (req, res) => {
    res.json(pinAdapter(host, req.params.id))
  })
  router.post('/v1/adapters/:id/unpin', (req, res) => {
    res.json(unpinAdapter(host, req.params.id))
  })
  return router
}
