import { receiptFromJson } from '@openledger/attribution'
import type { Hex } from 'viem'
import { z } from 'zod'
import type { MeteredReceipt } from '../plan/planSettlement.js'
import { InvalidPublishedEpochError } from './errors.js'

/**
 * A published epoch (`getPublishedEpoch`, served by the gateway at `GET /v1/epochs/:epoch`) after parsing:
 * every receipt checked, with the on-chain id of the agent that answered, ready for `verifyEpoch`.
 */
export type ParsedPublishedEpoch = {
  epoch: bigint
  receiptsRoot: Hex
  status: string
  /** In receipt-id order. */
  receipts: MeteredReceipt[]
}

const publishedEpochSchema = z.object({
  epoch: z.union([z.string().regex(/^[1-9]\d*$/), z.number().int().positive()], 'must be a positive integer'),
  receiptsRoot: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 32 bytes of hex'),
  status: z.string(),
  receipts: z.array(
    z.object({
      agentId: z.string().regex(/^[1-9]\d*$/, 'must be a positive integer as a decimal string'),
      receipt: z.unknown(),
    }),
  ),
})

/**
 * Parses a published epoch, checking every receipt (`receiptFromJson`: shape, receipt rules, stated ids).
 * Throws `InvalidPublishedEpochError` naming the first field that fails.
 *
 * @example
 * const published = publishedEpochFromJson(await (await fetch(`${gateway}/v1/epochs/4`)).json())
 */
export function publishedEpochFromJson(json: unknown): ParsedPublishedEpoch {
  const parsed = publishedEpochSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidPublishedEpochError(issue?.path.join('.') || 'epoch', issue?.message ?? 'is invalid')
  }
  const receipts = parsed.data.receipts.map(({ agentId, receipt }, i) => {
    try {
      return { agentId: BigInt(agentId), receipt: receiptFromJson(receipt) }
    } catch (error) {
      throw new InvalidPublishedEpochError(`receipts.${i}.receipt`, 'is not a valid receipt', error)
    }
  })
  return {
    epoch: BigInt(parsed.data.epoch),
    receiptsRoot: parsed.data.receiptsRoot.toLowerCase() as Hex,
    status: parsed.data.status,
    receipts,
  }
}
