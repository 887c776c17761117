import { randomBytes } from 'node:crypto'
import { errorHandler, logToStderr, requestId } from '@openledger/http'
import express, { type Express } from 'express'
import type { ChatTemplate } from '../api/chatTemplate.js'
import { hostHttpError } from '../api/hostHttpError.js'
import type { LoraHost } from '../host/LoraHost.js'
import { adapterRouter } from './adapterRouter.js'
import { countRequests } from './countRequests.js'
import { createHostMetrics } from './createHostMetrics.js'
import { notFound } from './notFound.js'
import { openAiRouter } from './openAiRouter.js'

export type LoraHostAppOptions = {
  /** Messages → prompt for chat completions; default `plainChatTemplate`. */
  chatTemplate?: ChatTemplate
  /** Largest JSON body of an inference request; default '1mb'. */
  jsonLimit?: string | number
  /** Largest body of `POST /v1/adapters` (an upload carries the weights in base64); default '512mb'. */
  uploadLimit?: string | number
  /** Process metrics (CPU, memory, event loop) on /metrics besides the host's; default true. */
  defaultMetrics?: boolean
  /** Told of every server fault (a 5xx but 503) with its request id; default: one line on stderr. */
  onError?: (error: unknown, requestId: string) => void
}

/**
 * The host's HTTP API as an express 5 app: OpenAI's `POST /v1/completions`, `POST /v1/chat/completions` and
 * `GET /v1/models`; `/v1/adapters` (list, register, delete, pin, unpin); `GET /metrics` (Prometheus) and
 * `GET /healthz`. Errors are OpenAI-style bodies (`{ error: { message, type, param, code } }`); anything
 * unexpected is a 500 naming a request id, its details only in `onError`.
 *
 * @example
 * const app = createLoraHostApp(host)
 * app.listen(8000, '127.0.0.1')
 */
export function createLoraHostApp(host: LoraHost, options: LoraHostAppOptions = {}): Express {
  const onError = options.onError ?? logToStderr('lora-host')
  const metrics = createHostMetrics(host, { defaultMetrics: options.defaultMetrics ?? true })
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  // The host's request ids since its first release: `req_` and 24 hex digits.
  app.use(
    requestId({ generate: () => `req_${randomBytes(12).toString('hex')}` }),
    countRequests(metrics.httpRequests),
  )
  app.use('/v1/adapters', express.json({ limit: options.uploadLimit ?? '512mb' }))
  app.use(express.json({ limit: options.jsonLimit ?? '1mb' }))
  const created = Math.floor(Date.now() / 1000)
  app.use(openAiRouter(host, { chatTemplate: options.chatTemplate, created, onError }))
  app.use(adapterRouter(host))
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  app.get('/healthz', (_req, res) => {
    const { engine, registered } = host.stats()
    res.json({
      status: 'ok',
      model: host.model.id,
      adapters: registered,
      running: engine.running,
      queued: engine.queued,
    })
  })
  app.use(notFound())
  // The host's bodies name no request id (the header does, and a 500's message).
  app.use(errorHandler({ onError, map: hostHttpError, body: (error) => error.body }))
  return app
}
