import type { Queue } from 'bullmq'
import type { InvalidFineTunePayloadError } from './errors.js'
import { DEFAULT_MAX_RANK, parseFineTunePayload } from './fineTunePayload.js'

export type EnqueueFineTuneOptions = {
  /** The largest rank the serving host accepts (default 16). */
  maxRank?: number
}

export type EnqueueFineTuneErrorType = InvalidFineTunePayloadError

/**
 * Validates a fine-tune payload (an `InvalidFineTunePayloadError` naming the field otherwise) and adds it to
 * the `fine-tune` queue; returns the job id.
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
  { maxRank = DEFAULT_MAX_RANK }: EnqueueFineTuneOptions = {},
): Promise<string> {
  const data = parseFineTunePayload(payload, { maxRank })
  const job = await queue.add('fine-tune', data)
  return job.id!
}
