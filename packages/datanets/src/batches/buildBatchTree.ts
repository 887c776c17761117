import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Address, Hex } from 'viem'

/** How a row is a leaf: `(bytes32 rowId, address contributor, bytes32 contentHash)`, as `DatanetRegistry.verifyRow` hashes it. */
export const BATCH_LEAF_ENCODING = ['bytes32', 'address', 'bytes32'] as const

export type BatchLeaf = { rowId: Hex; contributor: Address; contentHash: Hex }

/**
 * The OpenZeppelin StandardMerkleTree of a batch: leaves `keccak256(keccak256(abi.encode(rowId, contributor,
 * contentHash)))`, sorted pairs, so its root and proofs are exactly what `DatanetRegistry.verifyRow` checks.
 *
 * @example
 * const tree = buildBatchTree(rows)
 * const proof = tree.getProof(0)
 */
export function buildBatchTree(leaves: readonly BatchLeaf[]): StandardMerkleTree<[Hex, Address, Hex]> {
  return StandardMerkleTree.of(
    leaves.map((leaf): [Hex, Address, Hex] => [leaf.rowId, leaf.contributor, leaf.contentHash]),
    [...BATCH_LEAF_ENCODING],
  )
}
