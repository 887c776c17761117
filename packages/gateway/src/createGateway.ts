import { errorHandler, HttpError, logToStderr, requestId } from '@openledger/http'
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { AgentGate } from './chat/AgentGate.js'
import { chatCompletions } from './chat/chatCompletions.js'
import { Reservations } from './chat/Reservations.js'
import { SpanCorpusCache } from './chat/spanCorpora.js'
import type { GatewayContext } from './GatewayContext.js'
import type { GatewayOptions } from './GatewayOptions.js'
import { apiKeyOf, authenticate } from './http/authenticate.js'
import { rateLimit } from './http/rateLimit.js'
import { createGatewayMetrics, type GatewayMetrics } from './metrics/createGatewayMetrics.js'
import { actionsRouter } from './routes/actions/actionsRouter.js'
import { getAgent } from './routes/getAgent.js'
import { getEpoch } from './routes/getEpoch.js'
import { getReceipt } from './routes/getReceipt.js'
import { health } from './routes/health.js'
import { listModels } from './routes/listModels.js'
import { openApiDocument } from './routes/openApiDocument.js'

export type Gateway = {
  app: Express
  metrics: GatewayMetrics
  /** Stops nothing it was given (queue, store, host): those belong to the caller. */
  close: () => Promise<void>
}

export const DEFAULT_BODY_BYTES = 256 * 1024

/**
 * The gateway as an express 5 app: OpenAI-compatible `POST /v1/chat/completions` (model = agent id; gated,
 * metered into the settlement queue, attributed), `GET /v1/models`, `/v1/agents/:id`, `/v1/receipts/:id`,
 * `/v1/epochs/:epoch` (an epoch's published receipts), `/v1/actions` (pending actions: list, confirm, cancel),
 * `/health`, `/metrics`, `/openapi.json`, the chat page at `/` and fine-tunes when given. API keys
 * (`Authorization: Bearer`), a rate limit per key, a body limit, request ids and OpenAI-style errors throughout.
 *
 * @example
 * const { app } = createGateway({ agents, connection, manifest, store, usage: usageQueue({ redis }),
 *   client: createLocalClient(host), baseModel: 'stories260K', tokenizer: host.model.tokenizer })
 * app.listen(8080, '127.0.0.1')
 */
export function createGateway(options: GatewayOptions): Gateway {
  const metrics = createGatewayMetrics()
  const context: GatewayContext = {
    ...options,
    metrics,
    agentGate: new AgentGate(options.connection, options.manifest),
    reservations: new Reservations(options.store),
    corpora: new SpanCorpusCache(options.store, options.tokenizer),
    queued: new Map(),
    onError: options.onError ?? logToStderr('gateway'),
  }
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(requestId())
  app.use(countRequests(metrics))
  const bodyLimit = options.limits?.bodyBytes ?? DEFAULT_BODY_BYTES
  const auth = authenticate(options.store)
  const limit = rateLimit(options.limits?.rate ?? { burst: 60, perSecond: 10 }, (_request, response) =>
    response.locals.apiKey ? apiKeyOf(response).id : undefined,
  )
  app.get('/health', health(context))
  app.get('/metrics', async (_request, response) => {
    response.setHeader('Content-Type', metrics.registry.contentType)
    response.send(await metrics.registry.metrics())
  })
  const document = openApiDocument()
  app.get('/openapi.json', (_request, response) => {
    response.json(document)
  })
  app.post('/v1/chat/completions', auth, limit, express.json({ limit: bodyLimit }), chatCompletions(context))
  app.use('/v1/actions', auth, limit, actionsRouter(context))
  app.get('/v1/models', listModels(context))
  app.get('/v1/agents/:id', getAgent(context))
  app.get('/v1/receipts/:id', getReceipt(context))
  app.get('/v1/epochs/:epoch', getEpoch(context))
  if (options.fineTunes) {
    app.use('/v1/fine-tunes', auth, limit, express.json({ limit: bodyLimit }))
    app.use(options.fineTunes)
  }
  const notFound = (request: Request) => {
    throw new HttpError(404, `No route ${request.method} ${request.originalUrl}: see /openapi.json.`, {
      code: 'not_found',
    })
  }
  app.use('/v1', notFound)
  if (options.page) app.use('/', options.page)
  app.use(notFound)
  app.use(errorHandler({ onError: context.onError }))
  return { app, metrics, close: async () => {} }
}

function countRequests(metrics: GatewayMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    response.on('finish', () => {
      const route =
        (request.route?.path as string | undefined) ??
        (response.statusCode === 404 ? 'unmatched' : request.baseUrl || 'other')
      metrics.requests.inc({ method: request.method, route, status: String(response.statusCode) })
    })
    next()
  }
}
