import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { encodeAbiParameters, type Hex, keccak256, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { DuplicateRowIdError } from './errors.js'
import { trainingRowsTree } from './trainingRowsTree.js'

const ids = ['a', 'b', 'c', 'd', 'e'].map((s) => keccak256(toHex(s)))

describe('trainingRowsTree', () => {
  it('gives the same root whatever the order of the row ids', () => {
    const { root } = trainingRowsTree(ids)
    expect(trainingRowsTree([...ids].reverse()).root).toBe(root)
    expect(trainingRowsTree([ids[2]!, ids[0]!, ids[4]!, ids[1]!, ids[3]!]).root).toBe(root)
    expect(trainingRowsTree(ids.map((id) => id.toUpperCase().replace('0X', '0x') as Hex)).root).toBe(root)
    expect(trainingRowsTree(ids.slice(1)).root).not.toBe(root)
  })

  it('is a StandardMerkleTree of bytes32 leaves, with proofs the contract accepts', () => {
    const { root, tree, proofOf } = trainingRowsTree(ids)
    expect(tree.length).toBe(ids.length)
    expect(root).toBe(
      StandardMerkleTree.of(
        [...ids].sort().map((id) => [id]),
        ['bytes32'],
      ).root,
    )
    for (const id of ids) {
      const leaf = keccak256(keccak256(encodeAbiParameters([{ type: 'bytes32' }], [id])))
      expect(tree.leafHash([id])).toBe(leaf)
      expect(StandardMerkleTree.verify(root, ['bytes32'], [id], proofOf(id))).toBe(true)
    }
  })

  it('refuses duplicate, malformed or no row ids, and proofs of other rows', () => {
    expect(() =>
      trainingRowsTree([ids[0]!, ids[1]!, ids[0]!.toUpperCase().replace('0X', '0x') as Hex]),
    ).toThrowErrorMatchingInlineSnapshot(
      `[DuplicateRowIdError: Row id 0x3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cb appears more than once in the training rows.]`,
    )
    expect(() => trainingRowsTree([ids[0]!, '0x1234'])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidRowIdError: Row id 0x1234 (at 1) is not a 32-byte hex string.]`,
    )
    expect(() => trainingRowsTree(['not hex' as Hex])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidRowIdError: Row id not hex (at 0) is not a 32-byte hex string.]`,
    )
    expect(() => trainingRowsTree([])).toThrowErrorMatchingInlineSnapshot(
      `[EmptyTrainingRowsError: An adapter needs at least one training row.]`,
    )
    expect(() => trainingRowsTree(ids.slice(1)).proofOf(ids[0]!)).toThrowErrorMatchingInlineSnapshot(
      `[RowNotInTrainingSetError: Row id 0x3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cb is not among the training rows.]`,
    )
    expect(() => trainingRowsTree([ids[0]!, ids[0]!])).toThrow(DuplicateRowIdError)
    expect(() => trainingRowsTree(['0x12' as Hex])).toThrow(
      expect.objectContaining({ name: 'InvalidRowIdError' }),
    )
  })
})
