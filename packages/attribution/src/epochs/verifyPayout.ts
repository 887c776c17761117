import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Address, Hex } from 'viem'
import { payoutLeafEncoding } from './leafEncodings.js'

/**
 * Whether `(account, cumulative)` is a leaf of the payouts tree with root `root`, by the proof: the check
 * FeeRouter's claim makes on-chain. Never throws; a malformed input is false.
 *
 * @example
 * const { cumulative, proof } = epoch.payoutProofOf(alice)
 * verifyPayout(alice, cumulative, proof, epoch.payoutsRoot) // true
 */
export function verifyPayout(
  account: Address,
  cumulative: bigint,
  proof: readonly Hex[],
  root: Hex,
): boolean {
  try {
    return StandardMerkleTree.verify(root, [...payoutLeafEncoding], [account, cumulative], [...proof])
  } catch {
    return false
  }
}
