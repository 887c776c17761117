import { BaseError } from '@openledger/errors'
import type { BaseModel } from '@openledger/lora-host'
import { queueConnectionOptions, type StoreSession } from '@openledger/store'
import { type Job, UnrecoverableError, Worker } from 'bullmq'
import type { FineTuneProgress } from '../train/fineTune.js'
import { fineTuneCancelKey } from './cancelFineTune.js'
import { InvalidFineTunePayloadError } from './errors.js'
import { DEFAULT_MAX_RANK, DEFAULT_MAX_STEPS, parseFineTunePayload } from './fineTunePayload.js'
import { FINE_TUNE_QUEUE, type FineTuneQueueConnection } from './fineTuneQueue.js'
import { runFineTuneJob } from './runFineTuneJob.js'

/** What a job reports with `job.updateProgress`; `evalLoss` only on the steps that evaluated. */
export type FineTuneJobProgress = Pick<FineTuneProgress, 'step' | 'totalSteps' | 'loss' | 'evalLoss'>

/** A completed job's return value (JSON: datanet ids are decimal strings). */
export type FineTuneJobResult = {
  adapterDir: string
  adapterSha256: string
  rowIds: string[]
  datanetIds: string[]
  trainingRowsRoot: string
  baseEvalLoss: number
  bestEvalLoss: number
  stepsRun: number
}

export type StartFineTuneWorkerParameters = FineTuneQueueConnection & {
  store: StoreSession
  model: BaseModel
  /** Jobs trained at once (default 1: training takes the CPU). */
  concurrency?: number
  /** The largest rank the serving host accepts (default 16). */
  maxRank?: number
  /** The most steps a job may take (default 10,000; as the API that queues them). */
  maxSteps?: number
  /** How often a running job checks for a cancel, in ms (default 100). */
  cancelPollMs?: number
  /** Told of the worker's own errors (e.g. Redis going away); default: one line on stderr. */
  onError?: (error: Error) => void
}

/**
 * Starts a BullMQ worker on the `fine-tune` queue that runs each job with `runFineTuneJob`, reporting
 * `{ step, totalSteps, loss, evalLoss }` per step. A bad payload fails at once (`UnrecoverableError` naming the
 * field); a typed error fails the job with `"<ErrorName>: <short message>"`; a cancel (`cancelFineTune`)
 * aborts the training, writes nothing and fails the job as cancelled. `close()` stops it.
 *
 * @example
 * const worker = startFineTuneWorker({ store, model, redis: 'redis://127.0.0.1:6379' })
 * await worker.close()
 */
export function startFineTuneWorker(parameters: StartFineTuneWorkerParameters): Worker {
  const { store, model, concurrency = 1, cancelPollMs = 100 } = parameters
  const bounds = {
    maxRank: parameters.maxRank ?? DEFAULT_MAX_RANK,
    maxSteps: parameters.maxSteps ?? DEFAULT_MAX_STEPS,
  }
  const options = queueConnectionOptions(parameters)
  const worker: Worker = new Worker(
    FINE_TUNE_QUEUE,
    async (job: Job, _token?: string, stopping?: AbortSignal): Promise<FineTuneJobResult> => {
      const payload = parsePayload(job, bounds)
      const controller = new AbortController()
      stopping?.addEventListener('abort', () => controller.abort())
      const client = await worker.getBackend().client
      const cancelKey = fineTuneCancelKey(options.prefix, job.id!)
      const poll = setInterval(() => {
        client.get(cancelKey).then(
          (flag) => flag && controller.abort(),
          () => {},
        )
      }, cancelPollMs)
      try {
        if (await client.get(cancelKey)) controller.abort()
        const result = await runFineTuneJob({
          store,
          model,
          payload,
          maxRank: bounds.maxRank,
          signal: controller.signal,
          onProgress: ({ step, totalSteps, loss, evalLoss }) => {
            const progress: FineTuneJobProgress = {
              step,
              totalSteps,
              loss,
              ...(evalLoss === undefined ? {} : { evalLoss }),
            }
            job.updateProgress(progress).catch(() => {})
          },
        })
        return { ...result, datanetIds: result.datanetIds.map(String) }
      } catch (error) {
        // A fine-tune that failed on its data or was cancelled fails the same way again: never retry it.
        if (error instanceof BaseError) throw new UnrecoverableError(`${error.name}: ${error.shortMessage}`)
        throw error
      } finally {
        clearInterval(poll)
        await client.del(cancelKey).catch(() => 0)
      }
    },
    { ...options, concurrency },
  )
  worker.on(
    'error',
    parameters.onError ?? ((error) => process.stderr.write(`fine-tune worker: ${error.message}\n`)),
  )
  return worker
}

function parsePayload(job: Job, bounds: { maxRank: number; maxSteps: number }) {
  // The owner is the queue's bookkeeping beside the payload (`enqueueFineTune`), not part of it.
  const { owner: _owner, ...payload } = (job.data ?? {}) as Record<string, unknown>
  try {
    return parseFineTunePayload(payload, bounds)
  } catch (error) {
    if (error instanceof InvalidFineTunePayloadError)
      throw new UnrecoverableError(`${error.name}: ${error.shortMessage}`)
    throw error
  }
}
