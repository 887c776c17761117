import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Address, Hex } from 'viem'
import { payoutLeafEncoding } from './leafEncodings.js'

/**
 * Whether `(account, amount)` is a leaf of the epoch payouts tree with root `root`, by the proof: the check
 * FeeRouter's `claim(epoch, account, amount, proof)` makes on-chain against that epoch's payouts root. Never
 * throws; a malformed input is false.
 *
 * @example
 * const { amount, proof } = epoch.payoutProofOf(alice)
 * verifyPayout(alice, amount, proof, epoch.payoutsRoot) // true
 */
export function verifyPayout(account: Address, amount: bigint, proof: readonly Hex[], root: Hex): boolean {
  try {
    return StandardMerkleTree.verify(root, [...payoutLeafEncoding], [account, amount], [...proof])
  } catch {
    return false
  }
}
