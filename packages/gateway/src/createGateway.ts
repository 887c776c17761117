import { errorHandler, HttpError, logToStderr, requestId } from '@openledger/http'
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { AgentGate } from './chat/AgentGate.js'
import { chatCompletions } from './chat/chatCompletions.js'
import { Reservations } from './chat/Reservations.js'
import { SpanCorpusCache } from './chat/spanCorpora.js'
import { type ServedFineTunes, serveFineTunes } from './fineTunes/serveFineTunes.js'
import type { GatewayContext } from './GatewayContext.js'
import type { GatewayOptions } from './GatewayOptions.js'
import { authenticate } from './http/authenticate.js'
import { limitRequests } from './http/limitRequests.js'
import { createGatewayMetrics, type GatewayMetrics } from './metrics/createGatewayMetrics.js'
import { serveMetrics } from './metrics/serveMetrics.js'
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
  /** `/metrics` as an app of its own, for a port of its own (`startGateway`'s `metricsPort`). */
  metricsApp: Express
  /** The fine-tune API when `fineTunes` was given: `meter(jobId)` meters a completed job no gateway saw end. */
  fineTunes: ServedFineTunes | undefined
  /** Stops listening to the fine-tune queue's events; stops nothing it was given (queue, store, host): those belong to the caller. */
  close: () => Promise<void>
}

export const DEFAULT_BODY_BYTES = 256 * 1024

/** The default rate limit, per valid API key and per client address without one. */
export const DEFAULT_RATE = { burst: 60, perSecond: 10 }

/**
 * The gateway as an express 5 app: OpenAI-compatible `POST /v1/chat/completions` (model = agent id; gated,
 * metered into the settlement queue, attributed), `GET /v1/models`, `/v1/agents/:id`, `/v1/receipts/:id`,
 * `/v1/epochs/:epoch` (an epoch's published receipts), `/v1/actions` (pending actions: list, confirm, cancel),
 * `/health`, `/metrics` (loopback only by default), `/openapi.json`, the chat page at `/` and priced, scoped
 * fine-tunes when given. API keys (`Authorization: Bearer`), one rate limit that every request passes before
 * anything else (per valid key, else per client address), a body limit, request ids and OpenAI-style errors.
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
  app.use(
    limitRequests(options.store, {
      key: options.limits?.rate ?? DEFAULT_RATE,
      address: options.limits?.addressRate ?? DEFAULT_RATE,
    }),
  )
  const bodyLimit = options.limits?.bodyBytes ?? DEFAULT_BODY_BYTES
  const auth = authenticate(options.store)
  app.get('/health', health(context))
  if ((options.metricsAccess ?? 'loopback') === 'loopback')
    app.get('/metrics', serveMetrics(metrics, { loopbackOnly: true }))
  const document = openApiDocument()
  app.get('/openapi.json', (_request, response) => {
    response.json(document)
  })
  app.post('/v1/chat/completions', auth, express.json({ limit: bodyLimit }), chatCompletions(context))
  app.use('/v1/actions', auth, actionsRouter(context))
  app.get('/v1/models', listModels(context))
  app.get('/v1/agents/:id', getAgent(context))
  app.get('/v1/receipts/:id', getReceipt(context))
  app.get('/v1/epochs/:epoch', getEpoch(context))
  const fineTunes = options.fineTunes ? serveFineTunes(context, options.fineTunes) : undefined
  if (fineTunes) {
    app.use('/v1/fine-tunes', auth, express.json({ limit: bodyLimit }))
    app.use(fineTunes.router)
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
  const metricsApp = express()
  metricsApp.disable('x-powered-by')
  metricsApp.get('/metrics', serveMetrics(metrics, { loopbackOnly: false }))
  metricsApp.use(errorHandler({ onError: context.onError }))
  return { app, metrics, metricsApp, fineTunes, close: async () => fineTunes?.close() }
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
