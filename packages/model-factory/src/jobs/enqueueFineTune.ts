import type { Queue } from 'bullmq'
import type { InvalidFineTunePayloadError } from './errors.js'
import type { FineTuneOwner } from './fineTuneOwner.js'
import { DEFAULT_MAX_RANK, DEFAULT_MAX_STEPS, parseFineTunePayload } from './fineTunePayload.js'

export type EnqueueFineTuneOptions = {
  /** The largest rank the serving host accepts (default 16). */
  maxRank?: number
  /** The most steps a job may take (default 10,000): more is an `InvalidFineTunePayloadError` naming `steps`. */
  maxSteps?: number
  /** Who queued it: stored beside the payload, read back by `fineTuneOwnerOf` (scoping, charging). */
  owner?: FineTuneOwner
}

export type EnqueueFineTuneErrorType = InvalidFineTunePayloadError

/**
 * Validates a fine-tune payload (an `InvalidFineTunePayloadError` naming the field otherwise) and adds it to
 * the `fine-tune` queue, with its owner when given; returns the job id.
 *
 * @example
 * const id = await enqueueFineTune(queue, {
 *   datanet: { chainId: 31337, registry: manifest.contracts.DatanetRegistry, datanetId: '1' },
 *   rank: 8,
 *   steps: 200,
 *   outputDir: '.openledger/adapters',
 * })
 */
export async function enqueueFineTune(
  queue: Queue,
  payload: unknown,
  { maxRank = DEFAULT_MAX_RANK, maxSteps = DEFAULT_MAX_STEPS, owner }: EnqueueFineTuneOptions = {},
): Promise<string> {
  const data = parseFineTunePayload(payload, { maxRank, maxSteps })
  const job = await queue.add('fine-tune', owner ? { ...data, owner } : data)
  return job.id!
}
