import type { LedgerEpoch, SettleNextEpochReturnType } from '@openledger/settlement'
import type { Address, Hex } from 'viem'
import { formatOpen, formatUnixTime } from '../../format.js'

/** The line for an epoch just posted: its receipts, fees, and when it becomes final. */
export function postedLine(
  epoch: bigint,
  detail: { receipts: number; totalFees?: bigint; txHash: string | null; finalizesAt: bigint | null },
): string {
  const fees = detail.totalFees === undefined ? '' : `, ${formatOpen(detail.totalFees)}`
  const final =
    detail.finalizesAt === null
      ? ''
      : `; final from ${formatUnixTime(detail.finalizesAt)} unless the treasury Safe vetoes it`
  return `Posted epoch ${epoch}: ${detail.receipts} receipts${fees} in ${detail.txHash}${final}.`
}

export const finalizedLine = (epoch: bigint, txHash: Hex | string | null) =>
  `Finalised epoch ${epoch}${txHash ? ` in ${txHash}` : ''}: its fees are paid and its contributors may claim.`

export const vetoedLine = (epoch: bigint, receipts: number, refundTxHash: Hex | string | null) =>
  `Epoch ${epoch} was vetoed: its charges were refunded${refundTxHash ? ` in ${refundTxHash}` : ''} and its ${receipts} receipts wait for a later epoch.`

export const carriedLine = (payer: Address | string) =>
  `Carried ${payer}'s receipts: its charge cap or balance does not cover them; it is not served until it pays.`

/** The lines for what one `settleNextEpoch` step did, in the order it did them. */
export function describeSettlementStep(step: SettleNextEpochReturnType): string[] {
  const { posted } = step
  return [
    ...step.finalized.map((e: LedgerEpoch) => finalizedLine(e.epoch, e.finalTxHash)),
    ...step.vetoed.map((e: LedgerEpoch) => vetoedLine(e.epoch, e.receiptCount, e.refundTxHash)),
    ...step.carried.map(carriedLine),
    ...(posted
      ? [
          postedLine(posted.epoch, {
            receipts: posted.receiptCount,
            totalFees: posted.totalFees,
            txHash: posted.txHash,
            finalizesAt: posted.finalizesAt,
          }),
        ]
      : []),
  ]
}
