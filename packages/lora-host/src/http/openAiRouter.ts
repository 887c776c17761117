import { abortOnClose, requestIdOf } from '@openledger/http'
import { type Response, Router } from 'express'
import type { ChatTemplate } from '../api/chatTemplate.js'
import { createChatCompletion } from '../api/createChatCompletion.js'
import { createCompletion } from '../api/createCompletion.js'
import { createEmbedding } from '../api/createEmbedding.js'
import { listModels } from '../api/listModels.js'
import type { LoraHost } from '../host/LoraHost.js'
import { sendEventStream } from './sendEventStream.js'

export type OpenAiRouterOptions = {
  chatTemplate?: ChatTemplate | undefined
  /** `created` of the listed models (unix seconds). */
  created: number
  onError: (error: unknown, requestId: string) => void
}

/**
 * OpenAI's routes: `POST /v1/completions`, `POST /v1/chat/completions` (JSON, or server-sent events with
 * `stream: true`), `POST /v1/embeddings`, `GET /v1/models` and `GET /v1/models/:id`. A client that goes away cancels its generation.
 *
 * @example
 * app.use(express.json(), openAiRouter(host, { created: Math.floor(Date.now() / 1000), onError: console.error }))
 */
export function openAiRouter(host: LoraHost, options: OpenAiRouterOptions): Router {
  const router = Router()
  const respond = async (res: Response, result: object) => {
    if (!(Symbol.asyncIterator in result)) {
      res.json(result)
      return
    }
    await sendEventStream(res, result as AsyncIterable<unknown>, {
      requestId: requestIdOf(res),
      onError: options.onError,
    })
  }
  router.post('/v1/completions', async (req, res) => {
    await respond(res, await createCompletion(host, req.body, { signal: abortOnClose(res) }))
  })
  router.post('/v1/chat/completions', async (req, res) => {
    const signal = abortOnClose(res)
    await respond(
      res,
      await createChatCompletion(host, req.body, { signal, chatTemplate: options.chatTemplate }),
    )
  })
  router.post('/v1/embeddings', async (req, res) => {
    res.json(await createEmbedding(host, req.body))
  })
  router.get('/v1/models', (_req, res) => {
    res.json(listModels(host, { created: options.created }))
  })
  router.get('/v1/models/:id', (req, res) => {
    const { name } = host.resolve(req.params.id)
    res.json(listModels(host, { created: options.created }).data.find((model) => model.id === name))
  })
  return router
}
