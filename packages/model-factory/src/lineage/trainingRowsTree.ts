import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Hex, isHex, size } from 'viem'
import {
  DuplicateRowIdError,
  EmptyTrainingRowsError,
  InvalidRowIdError,
  RowNotInTrainingSetError,
} from './errors.js'

export type TrainingRowsTree = {
  /** The Merkle root registered on-chain as `trainingRowsRoot`. */
  root: Hex
  /** Leaves `[rowId]` of type `bytes32`, the row ids sorted; its `length` is the row count. */
  tree: StandardMerkleTree<[Hex]>
  /** The proof `ModelRegistry.verifyTrainingRow` checks; throws `RowNotInTrainingSetError` for another row. */
  proofOf: (rowId: Hex) => Hex[]
}

export type TrainingRowsTreeErrorType = InvalidRowIdError | DuplicateRowIdError | EmptyTrainingRowsError

/**
 * The Merkle tree of an adapter's training rows: an OpenZeppelin StandardMerkleTree of `[rowId]` leaves
 * (`bytes32`), so the leaf is `keccak256(bytes.concat(keccak256(abi.encode(rowId))))` as in ModelRegistry.
 * Row ids are lowercased and sorted first, so the root does not depend on their order. Throws
 * `InvalidRowIdError` for an id that is not 32 bytes of hex, `DuplicateRowIdError` for one listed twice and
 * `EmptyTrainingRowsError` for none.
 *
 * @example
 * const { root, proofOf } = trainingRowsTree(rows.map((row) => row.rowId))
 * const proof = proofOf(rows[0].rowId)
 */
export function trainingRowsTree(rowIds: readonly Hex[]): TrainingRowsTree {
  if (rowIds.length === 0) throw new EmptyTrainingRowsError()
  const seen = new Set<Hex>()
  rowIds.forEach((rowId, index) => {
    if (typeof rowId !== 'string' || !isHex(rowId, { strict: true }) || size(rowId) !== 32) {
      throw new InvalidRowIdError(rowId, index)
    }
    const id = rowId.toLowerCase() as Hex
    if (seen.has(id)) throw new DuplicateRowIdError(id)
    seen.add(id)
  })
  const sorted = [...seen].sort()
  const tree = StandardMerkleTree.of(
    sorted.map((id): [Hex] => [id]),
    ['bytes32'],
  )
  return {
    root: tree.root as Hex,
    tree,
    proofOf(rowId) {
      const id = rowId.toLowerCase() as Hex
      if (!seen.has(id)) throw new RowNotInTrainingSetError(rowId)
      return tree.getProof([id]) as Hex[]
    },
  }
}
