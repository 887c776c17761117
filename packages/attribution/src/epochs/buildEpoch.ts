import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, getAddress, type Hex, isAddress, zeroHash } from 'viem'
import type { Receipt } from '../receipts/types.js'
import {
  EmptyEpochError,
  InvalidEpochInputError,
  UnknownPayoutAccountError,
  UnknownReceiptError,
} from './errors.js'
import { payoutLeafEncoding, receiptLeafEncoding } from './leafEncodings.js'
import { type SplitEpochFeesReturnType, splitEpochFees } from './splitEpochFees.js'

export type BuildEpochParameters = {
  epoch: bigint
  /** The epoch's receipts; each appears once. */
  receipts: readonly Receipt[]
  /** Cumulative contributor payouts as of the previous epoch (empty for the first). */
  previousCumulative: ReadonlyMap<Address, bigint>
  /** The contributors' part of each fee, in basis points (an integer in 0..10000). */
  contributorShareBps: number
}

/** A payouts-tree leaf: the account and its cumulative payout as a decimal string (so dumps are JSON). */
export type PayoutLeaf = [account: Address, cumulative: string]

export type Epoch = Omit<SplitEpochFeesReturnType, 'receiptIds'> & {
  epoch: bigint
  /** The epoch's receipt ids, sorted. */
  receiptIds: Hex[]
  receiptsRoot: Hex
  /** Leaves `[receiptId]`, encoding `receiptLeafEncoding`. */
  receiptsTree: StandardMerkleTree<[Hex]>
  /** `zeroHash` when no account has ever earned anything (then `payoutsTree` is undefined). */
  payoutsRoot: Hex
  /** Leaves `[account, cumulative]`, encoding `payoutLeafEncoding`, one per account ever paid. */
  payoutsTree: StandardMerkleTree<PayoutLeaf> | undefined
  /** Every account's cumulative payout after this epoch: previous + this epoch's amount. */
  cumulative: Map<Address, bigint>
  /** The proof of a receipt id against `receiptsRoot`. */
  proofOf(receiptId: Hex): Hex[]
  /** An account's cumulative payout and its proof against `payoutsRoot`, as FeeRouter's claim takes them. */
  payoutProofOf(account: Address): { account: Address; cumulative: bigint; proof: Hex[] }
}

/**
 * Builds an epoch's settlement: splits the contributors' part of its fees (see `splitEpochFees`), adds each
 * contributor's amount to its cumulative payout, and builds the two Merkle trees FeeRouter stores the roots of:
 * receipts (`[bytes32 receiptId]`) and cumulative payouts (`[address account, uint256 cumulative]`); see
 * `leafEncodings.ts` for the exact Solidity leaf. Deterministic: the same input gives the same roots.
 *
 * @example
 * const epoch = buildEpoch({ epoch: 7n, receipts, previousCumulative: last.cumulative, contributorShareBps: 4000 })
 * await feeRouter.write.settleEpoch([7n, epoch.receiptsRoot, epoch.payoutsRoot, ...])
 */
export function buildEpoch({
  epoch,
  receipts,
  previousCumulative,
  contributorShareBps,
}: BuildEpochParameters): Epoch {
  if (typeof epoch !== 'bigint' || epoch < 0n) throw new InvalidEpochInputError(`epoch is ${String(epoch)}`)
  if (receipts.length === 0) throw new EmptyEpochError(epoch)
  const split = splitEpochFees({ receipts, contributorShareBps })

  const cumulative = new Map<Address, bigint>()
  for (const [key, value] of previousCumulative) {
    if (!isAddress(key, { strict: false }))
      throw new InvalidEpochInputError(`previousCumulative has key ${key}`)
    const account = getAddress(key)
    if (cumulative.has(account)) throw new InvalidEpochInputError(`previousCumulative names ${account} twice`)
    if (typeof value !== 'bigint' || value < 0n)
      throw new InvalidEpochInputError(`previousCumulative of ${account} is ${String(value)}`)
    cumulative.set(account, value)
  }
  for (const [account, amount] of split.amounts)
    cumulative.set(account, (cumulative.get(account) ?? 0n) + amount)

  const receiptsTree = StandardMerkleTree.of<[Hex]>(
    split.receiptIds.map((id) => [id]),
    [...receiptLeafEncoding],
  )
  const receiptIndex = new Map([...receiptsTree.entries()].map(([index, [id]]) => [id, index]))

  const accounts = [...cumulative.keys()].filter((a) => cumulative.get(a)! > 0n).sort()
  const payoutsTree =
    accounts.length === 0
      ? undefined
      : StandardMerkleTree.of<PayoutLeaf>(
          accounts.map((a) => [a, cumulative.get(a)!.toString()]),
          [...payoutLeafEncoding],
        )
  const payoutIndex = new Map(
    [...(payoutsTree?.entries() ?? [])].map(([index, [account]]) => [account, index]),
  )

  return {
    ...split,
    epoch,
    receiptsRoot: receiptsTree.root as Hex,
    receiptsTree,
    payoutsRoot: (payoutsTree?.root ?? zeroHash) as Hex,
    payoutsTree,
    cumulative,
    proofOf(id) {
      const index = receiptIndex.get(id.toLowerCase() as Hex)
      if (index === undefined) throw new UnknownReceiptError(epoch, id)
      return receiptsTree.getProof(index) as Hex[]
    },
    payoutProofOf(account) {
      const checksummed = isAddress(account, { strict: false }) ? getAddress(account) : account
      const index = payoutIndex.get(checksummed)
      if (index === undefined || !payoutsTree) throw new UnknownPayoutAccountError(epoch, account)
      return {
        account: checksummed,
        cumulative: cumulative.get(checksummed)!,
        proof: payoutsTree.getProof(index) as Hex[],
      }
    },
  }
}
