import type { Address, Hex } from 'viem'
import { SHARE_SCALE } from '../fusion/types.js'
import { receiptId } from '../receipts/receiptId.js'
import type { Receipt } from '../receipts/types.js'
import { DuplicateReceiptError, EpochAccountingError, InvalidEpochInputError } from './errors.js'

export type SplitEpochFeesParameters = {
  receipts: readonly Receipt[]
  /** The contributors' part of each fee, in basis points (an integer in 0..10000). */
  contributorShareBps: number
}

export type SplitEpochFeesReturnType = {
  /** Receipt ids, sorted. */
  receiptIds: Hex[]
  totalFees: bigint
  /** Σ over receipts of ⌊fee × bps / 10000⌋. */
  contributorPool: bigint
  /** What each contributor earns this epoch (accounts earning 0 are left out). */
  amounts: Map<Address, bigint>
  /** The part of the pool that came from no-evidence receipts. */
  noEvidencePool: bigint
  /** The pool of no-evidence receipts plus rounding dust: contributorPool − Σ amounts. */
  treasuryRemainder: bigint
}

/**
 * Splits the contributor part of an epoch's fees. Each receipt's pool is `⌊fee × bps / 10000⌋`; a contributor
 * earns `⌊Σ_receipts pool × weight / 1e18⌋` (summed over the epoch before the one division, so dust is at
 * most one wei per contributor); no-evidence pools and the dust go to the treasury. Nothing is created or lost:
 * `Σ amounts + treasuryRemainder = contributorPool`, checked (an `EpochAccountingError` otherwise).
 *
 * @example
 * const { amounts, treasuryRemainder } = splitEpochFees({ receipts, contributorShareBps: 4000 })
 */
export function splitEpochFees({
  receipts,
  contributorShareBps,
}: SplitEpochFeesParameters): SplitEpochFeesReturnType {
  if (!Number.isInteger(contributorShareBps) || contributorShareBps < 0 || contributorShareBps > 10_000)
    throw new InvalidEpochInputError(
      `contributorShareBps is ${contributorShareBps}; expected an integer in 0..10000`,
    )
  const bps = BigInt(contributorShareBps)
  const seen = new Set<Hex>()
  let totalFees = 0n
  let contributorPool = 0n
  let noEvidencePool = 0n
  const scaled = new Map<Address, bigint>()
  for (const receipt of receipts) {
    const id = receiptId(receipt)
    if (seen.has(id)) throw new DuplicateReceiptError(id)
    seen.add(id)
    const pool = (receipt.fee * bps) / 10_000n
    totalFees += receipt.fee
    contributorPool += pool
    if (receipt.noEvidence) noEvidencePool += pool
    for (const { contributor, weight } of receipt.contributions)
      scaled.set(contributor, (scaled.get(contributor) ?? 0n) + pool * weight)
  }
  const amounts = new Map<Address, bigint>()
  let paid = 0n
  for (const [account, value] of scaled) {
    const amount = value / SHARE_SCALE
    if (amount === 0n) continue
    amounts.set(account, amount)
    paid += amount
  }
  const treasuryRemainder = contributorPool - paid
  // Evidence pools are split by weights summing to 1e18, so flooring loses less than one wei per account.
  const dust = treasuryRemainder - noEvidencePool
  if (dust < 0n || dust > BigInt(scaled.size))
    throw new EpochAccountingError(contributorPool, paid, treasuryRemainder)
  return {
    receiptIds: [...seen].sort(),
    totalFees,
    contributorPool,
    amounts,
    noEvidencePool,
    treasuryRemainder,
  }
}
