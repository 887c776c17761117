import { type Receipt, receiptToJson } from '@openledger/attribution'
import type { Queue } from 'bullmq'
import type { Hex } from 'viem'
import { InvalidUsageError } from '../errors.js'
import type { UsageJobData } from './usageJob.js'

export type EnqueueUsageParameters = {
  receipt: Receipt
  /** The on-chain id of the agent that answered. */
  agentId: bigint
}

/**
 * Meters a paid answer: adds its receipt to the `usage` queue with the receipt id as job id, so adding it twice
 * (a retried request, a restarted gateway) queues it once, and the ledger records it once whatever happens.
 *
 * @example
 * const { receiptId } = await enqueueUsage(usage, { receipt, agentId: 1n })
 */
export async function enqueueUsage(
  queue: Queue,
  { receipt, agentId }: EnqueueUsageParameters,
): Promise<{ receiptId: Hex }> {
  if (typeof agentId !== 'bigint' || agentId < 1n)
    throw new InvalidUsageError(`agent id is ${String(agentId)}; expected a positive on-chain agent id`)
  const json = receiptToJson(receipt)
  const data: UsageJobData = { receipt: json, agentId: agentId.toString() }
  await queue.add('usage', data, { jobId: json.id })
  return { receiptId: json.id }
}
