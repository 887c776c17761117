import type { Queue } from 'bullmq'
import { FineTuneJobNotFoundError } from './errors.js'
import { FINE_TUNE_QUEUE } from './fineTuneQueue.js'

export type CancelFineTuneReturnType = {
  /** false when the job had already finished (completed or failed). */
  cancelling: boolean
  state: string
}

/** How long a cancel flag waits for a worker to take the job (a day). */
const FLAG_SECONDS = 24 * 3600

/** The Redis key a worker polls for a cancel of `jobId` (beside the queue's keys, under its prefix). */
export function fineTuneCancelKey(prefix: string, jobId: string): string {
  return `${prefix}:${FINE_TUNE_QUEUE}:cancel:${jobId}`
}

/**
 * Asks the worker running (or about to run) a fine-tune to stop: sets a flag it polls; it aborts the training,
 * writes nothing, and fails the job with `FineTuneCancelledError`'s message. A finished job is left as it is.
 * An unknown id is `FineTuneJobNotFoundError`.
 *
 * @example
 * const { cancelling } = await cancelFineTune(queue, id)
 */
export async function cancelFineTune(queue: Queue, jobId: string): Promise<CancelFineTuneReturnType> {
  const job = await queue.getJob(jobId)
  if (!job) throw new FineTuneJobNotFoundError(jobId)
  const state = await job.getState()
  if (state === 'completed' || state === 'failed') return { cancelling: false, state }
  const client = await queue.getBackend().client
  await client.set(fineTuneCancelKey(queue.opts.prefix ?? 'bull', jobId), '1', { EX: FLAG_SECONDS })
  return { cancelling: true, state }
}
