import { errorHandler, HttpError, logToStderr } from '@openledger/http'
import { Job, type Queue, QueueEvents } from 'bullmq'
import express, { type Request, type Response, type Router } from 'express'
import { cancelFineTune } from './cancelFineTune.js'
import { enqueueFineTune } from './enqueueFineTune.js'
import { FineTuneJobNotFoundError, InvalidFineTunePayloadError } from './errors.js'
import { type FineTuneOwner, fineTuneOwnerOf } from './fineTuneOwner.js'
import {
  DEFAULT_MAX_RANK,
  DEFAULT_MAX_STEPS,
  type FineTunePayload,
  parseFineTunePayload,
} from './fineTunePayload.js'
import { FINE_TUNE_QUEUE } from './fineTuneQueue.js'

/** What `admit` gives back for a payload it let through: told the job's id once queued, or that it was not. */
export type FineTuneAdmission = {
  queued: (jobId: string) => void
  dropped: () => void
}

export type FineTuneRouterParameters = {
  /** The `fine-tune` queue (`fineTuneQueue`); its connection and prefix also serve the events. */
  queue: Queue
  /** The largest rank the serving host accepts (default 16). */
  maxRank?: number
  /** The most steps a job may take (default 10,000): more is a 400 naming `steps` and the limit. */
  maxSteps?: number
  /**
   * Who is asking (e.g. the API key a gateway authenticated, in `res.locals`). When given, a job records who
   * queued it, and another owner's job (or an ownerless one) reads as unknown: its status, events and cancel are 404s.
   */
  ownerOf?: (res: Response) => FineTuneOwner | undefined
  /**
   * Called with a valid payload before it is queued: throws (an `HttpError`, e.g. a 402) to refuse it, or holds
   * what the job needs (its fee) and returns what to do once it is queued or was not.
   */
  admit?: (payload: FineTunePayload, owner: FineTuneOwner | undefined) => Promise<FineTuneAdmission>
  /** Told of every server fault (a 5xx but 503) with its request id; default: one line on stderr. */
  onError?: (error: unknown, requestId: string) => void
}

export type FineTuneRouter = {
  router: Router
  /** Stops listening to the queue's events and ends open event streams. */
  close: () => Promise<void>
}

type StreamMessage = { event: 'progress' | 'completed' | 'failed'; data: unknown } | { event: 'close' }
type Streams = Map<string, Set<(message: StreamMessage) => void>>

/**
 * The fine-tune HTTP API as an express 5 router: `POST /v1/fine-tunes` (a payload → 201 `{ id }`, or 400 naming
 * the field), `GET /v1/fine-tunes/:id` (state, progress, result or error), `GET /v1/fine-tunes/:id/events`
 * (Server-Sent Events: `progress` per step, then `completed` or `failed`, then the stream ends) and
 * `POST /v1/fine-tunes/:id/cancel`. Unknown ids (and, with `ownerOf`, another owner's jobs) are 404s; `steps`
 * over `maxSteps` is a 400; `admit` may refuse or hold a fee first. Errors are answered by `@openledger/http`'s one
 * `errorHandler`, in this API's own body: `{ error: { message, field? } }` (`field` names the payload field at
 * fault); a 500 names a request id, the error itself only in `onError`.
 *
 * @example
 * const fineTunes = fineTuneRouter({ queue: fineTuneQueue({ redis: 'redis://127.0.0.1:6379' }) })
 * const app = express().use(fineTunes.router)
 * app.listen(8100, '127.0.0.1')
 */
export function fineTuneRouter(parameters: FineTuneRouterParameters): FineTuneRouter {
  const { queue, maxRank = DEFAULT_MAX_RANK, maxSteps = DEFAULT_MAX_STEPS, ownerOf, admit } = parameters
  const jobOf = async (id: string, res: Response): Promise<Job> => {
    const job = await queue.getJob(id)
    // Another owner's job is answered as an unknown one: its existence is not revealed.
    if (!job || (ownerOf && fineTuneOwnerOf(job)?.key !== ownerOf(res)?.key))
      throw notFound(new FineTuneJobNotFoundError(id))
    return job
  }
  const onError = parameters.onError ?? logToStderr('fine-tune API')
  const events = new QueueEvents(FINE_TUNE_QUEUE, {
    connection: queue.opts.connection,
    ...(queue.opts.prefix ? { prefix: queue.opts.prefix } : {}),
  })
  const streams: Streams = new Map()
  const dispatch = (jobId: string, message: StreamMessage) => {
    for (const listener of streams.get(jobId) ?? []) listener(message)
  }
  events.on('progress', ({ jobId, data }) => dispatch(jobId, { event: 'progress', data }))
  events.on('completed', ({ jobId, returnvalue }) =>
    dispatch(jobId, { event: 'completed', data: { id: jobId, result: fromJson(returnvalue) } }),
  )
  events.on('failed', ({ jobId, failedReason }) =>
    dispatch(jobId, { event: 'failed', data: { id: jobId, error: errorOf(failedReason) } }),
  )
  events.on('error', () => {})

  const router = express.Router()
  router.use('/v1/fine-tunes', express.json({ limit: '64kb' }))
  router.post('/v1/fine-tunes', async (req, res) => {
    const bounds = { maxRank, maxSteps }
    const payload = invalidAs400(() => parseFineTunePayload(req.body, bounds))
    const owner = ownerOf?.(res)
    const admission = await admit?.(payload, owner)
    try {
      const id = await enqueueFineTune(queue, payload, { ...bounds, ...(owner ? { owner } : {}) })
      admission?.queued(id)
      res.status(201).json({ id })
    } catch (error) {
      admission?.dropped()
      throw error
    }
  })
  router.get('/v1/fine-tunes/:id', async (req, res) => {
    const job = await jobOf(req.params.id, res)
    res.json(await describeJob(queue, job))
  })
  router.post('/v1/fine-tunes/:id/cancel', async (req, res) => {
    await jobOf(req.params.id, res)
    try {
      res.json({ id: req.params.id, ...(await cancelFineTune(queue, req.params.id)) })
    } catch (error) {
      if (error instanceof FineTuneJobNotFoundError) throw notFound(error)
      throw error
    }
  })
  router.get('/v1/fine-tunes/:id/events', async (req, res) => {
    const id = req.params.id
    const job = await jobOf(id, res)
    await events.waitUntilReady()
    const send = streamEvents(req, res, id, streams)
    // Listening first, then reading the state, so an end between the two is not missed.
    const { state, error, result, progress } = await describeJob(queue, (await queue.getJob(id)) ?? job)
    if (state === 'completed') send({ event: 'completed', data: { id, result } })
    else if (state === 'failed') send({ event: 'failed', data: { id, error } })
    else if (typeof progress === 'object') send({ event: 'progress', data: progress })
  })
  router.use(errorHandler({ onError, body: fineTuneErrorBody }))

  return {
    router,
    async close() {
      for (const listeners of [...streams.values()])
        for (const listener of [...listeners]) listener({ event: 'close' })
      await events.close()
    },
  }
}

/** Opens an event stream on `res` for job `id`; returns the listener that writes to it (ends it on the end). */
function streamEvents(
  req: Request,
  res: Response,
  id: string,
  streams: Streams,
): (message: StreamMessage) => void {
  res
    .status(200)
    .set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  res.flushHeaders()
  const listeners = streams.get(id) ?? new Set()
  streams.set(id, listeners)
  const stop = () => {
    listeners.delete(listener)
    if (listeners.size === 0 && streams.get(id) === listeners) streams.delete(id)
  }
  let ended = false
  function listener(message: StreamMessage) {
    if (ended) return
    if (message.event !== 'close')
      res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`)
    if (message.event !== 'progress') {
      ended = true
      stop()
      res.end()
    }
  }
  listeners.add(listener)
  req.on('close', () => {
    ended = true
    stop()
  })
  return listener
}

function notFound(error: FineTuneJobNotFoundError): HttpError {
  return new HttpError(404, error.shortMessage, { code: 'fine_tune_not_found', cause: error })
}

/** This API's error body since its first release: the message, and the payload field at fault; `code` when one was given (e.g. `insufficient_balance`). */
function fineTuneErrorBody(error: HttpError) {
  return {
    error: {
      message: error.shortMessage,
      ...(error.param ? { field: error.param } : {}),
      ...(error.code ? { code: error.code } : {}),
    },
  }
}

function invalidAs400<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof InvalidFineTunePayloadError)
      throw new HttpError(400, error.shortMessage, { param: error.field, cause: error })
    throw error
  }
}

async function describeJob(queue: Queue, read: Job) {
  const state = await read.getState()
  // The job was read before its state: one that ended in between is read again, for its result or reason.
  const ended = state === 'completed' || state === 'failed'
  const job = ended ? ((await Job.fromId(queue, read.id!)) ?? read) : read
  return {
    id: job.id,
    state,
    progress: job.progress,
    ...(state === 'completed' ? { result: fromJson(job.returnvalue) } : {}),
    ...(state === 'failed' ? { error: errorOf(job.failedReason) } : {}),
    createdAt: new Date(job.timestamp).toISOString(),
  }
}

/** The worker fails jobs with `"<ErrorName>: <message>"`; anything else is a plain message. */
function errorOf(failedReason: string): { name: string; message: string } {
  const match = /^([A-Z][A-Za-z]*Error): ([\s\S]*)$/.exec(failedReason ?? '')
  return match ? { name: match[1]!, message: match[2]! } : { name: 'Error', message: failedReason }
}

function fromJson(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}
