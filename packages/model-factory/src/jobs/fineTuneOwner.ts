import type { Job } from 'bullmq'

/** Who queued a fine-tune: the API key that may read, follow and cancel it, and the account its fee is charged to. */
export type FineTuneOwner = {
  /** The API key's id (never its secret). */
  key: string
  /** The account that pays the job's fee (checksummed address), when it is charged. */
  payer?: string
}

/**
 * The owner a job was queued with (`enqueueFineTune(..., { owner })`), or undefined for a job queued without one
 * (a standalone fine-tune API, which has no keys).
 *
 * @example
 * const owner = fineTuneOwnerOf(await queue.getJob(id))
 * if (owner?.key !== apiKey.id) throw notFound
 */
export function fineTuneOwnerOf(job: Pick<Job, 'data'>): FineTuneOwner | undefined {
  const owner = (job.data as { owner?: unknown } | undefined)?.owner
  if (typeof owner !== 'object' || owner === null) return undefined
  const { key, payer } = owner as { key?: unknown; payer?: unknown }
  if (typeof key !== 'string') return undefined
  return typeof payer === 'string' ? { key, payer } : { key }
}
