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
  /** The contributors' part of each fee, in basis points (an integer in 0..10000). */
  contributorShareBps: number
}

/** A payouts-tree leaf: the account and what it earns in this epoch, as a decimal string (so dumps are JSON). */
export type PayoutLeaf = [account: Address, amount: string]

/** One account's claim on an epoch: FeeRouter's `claim(epoch, account, amount, proof)` takes these. */
export type PayoutProof = { account: Address; amount: bigint; proof: Hex[] }

export type Epoch = Omit<SplitEpochFeesReturnType, 'receiptIds'> & {
  epoch: bigint
  /** The epoch's receipt ids, sorted. */
  receiptIds: Hex[]
  receiptsRoot: Hex
  /** Leaves `[receiptId]`, encoding `receiptLeafEncoding`. */
  receiptsTree: StandardMerkleTree<[Hex]>
  /** `zeroHash` when nobody is paid in this epoch (then `payoutsTree` is undefined). */
  payoutsRoot: Hex
  /** Leaves `[account, amount]`, encoding `payoutLeafEncoding`, one per account paid in this epoch. */
  payoutsTree: StandardMerkleTree<PayoutLeaf> | undefined
  /** The proof of a receipt id against `receiptsRoot`. */
  proofOf(receiptId: Hex): Hex[]
  /** An account's amount in this epoch and its proof against `payoutsRoot`, as FeeRouter's claim takes them. */
  payoutProofOf(account: Address): PayoutProof
}

/**
 * Builds an epoch's settlement: splits the contributors' part of its fees (see `splitEpochFees`) and builds the
 * two Merkle trees FeeRouter stores the roots of: receipts (`[bytes32 receiptId]`) and this epoch's payouts
 * (`[address account, uint256 amount]`, the amounts of this epoch only: each epoch is claimed on its own); see
 * `leafEncodings.ts` for the exact Solidity leaf. Deterministic: the same input gives the same roots.
 *
 * @example
 * const epoch = buildEpoch({ epoch: 7n, receipts, contributorShareBps: 4000 })
 * const { amount, proof } = epoch.payoutProofOf(alice) // FeeRouter.claim(7n, alice, amount, proof)
 */
export function buildEpoch({ epoch, receipts, contributorShareBps }: BuildEpochParameters): Epoch {
  if (typeof epoch !== 'bigint' || epoch < 0n) throw new InvalidEpochInputError(`epoch is ${String(epoch)}`)
  if (receipts.length === 0) throw new EmptyEpochError(epoch)
  const split = splitEpochFees({ receipts, contributorShareBps })

  const receiptsTree = StandardMerkleTree.of<[Hex]>(
    split.receiptIds.map((id) => [id]),
    [...receiptLeafEncoding],
  )
  const receiptIndex = new Map([...receiptsTree.entries()].map(([index, [id]]) => [id, index]))

  const accounts = [...split.amounts.keys()].sort()
  const payoutsTree =
    accounts.length === 0
      ? undefined
      : StandardMerkleTree.of<PayoutLeaf>(
          accounts.map((a) => [a, split.amounts.get(a)!.toString()]),
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
        amount: split.amounts.get(checksummed)!,
        proof: payoutsTree.getProof(index) as Hex[],
      }
    },
  }
}
