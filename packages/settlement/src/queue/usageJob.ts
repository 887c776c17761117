import { type ReceiptJson, receiptFromJson, receiptId } from '@openledger/attribution'
import { UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { RecordUsageParameters } from '../ledger/recordUsage.js'

/** A `usage` job's payload: the receipt as JSON and the on-chain agent id as a decimal string. */
export type UsageJobData = { receipt: ReceiptJson; agentId: string }

const usageJobSchema = z.object({
  receipt: z.unknown(),
  agentId: z.string().regex(/^[1-9]\d{0,76}$/, 'a positive decimal integer'),
})

/**
 * Validates a `usage` job: its payload, its receipt and that the job id is the receipt id. A bad job can
 * never succeed, so it fails at once (BullMQ's `UnrecoverableError`) saying exactly what is wrong.
 */
export function parseUsageJob(jobId: string | undefined, data: unknown): RecordUsageParameters {
  const parsed = usageJobSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UnrecoverableError(
      `Invalid usage job ${jobId}: ${issue?.path.join('.') || 'data'} ${issue?.message}.`,
    )
  }
  let receipt: ReturnType<typeof receiptFromJson>
  try {
    receipt = receiptFromJson(parsed.data.receipt)
  } catch (error) {
    throw new UnrecoverableError(`Invalid usage job ${jobId}: ${(error as Error).message.split('\n')[0]}`)
  }
  const id = receiptId(receipt)
  if (jobId !== id)
    throw new UnrecoverableError(`Invalid usage job ${jobId}: its id must be the receipt id ${id}.`)
  return { receipt, agentId: BigInt(parsed.data.agentId) }
}
