import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Hex } from 'viem'
import { receiptId } from '../receipts/receiptId.js'
import type { Receipt } from '../receipts/types.js'
import { receiptLeafEncoding } from './leafEncodings.js'

/**
 * Whether a receipt is valid and is in the epoch whose receipts root is `root`: recomputes the receipt's id
 * from its content and checks the leaf `[receiptId]` against the root with the proof. Any change to any field
 * of the receipt makes it false; so does an invalid receipt or a malformed proof (it never throws).
 *
 * @example
 * const { receipt, proof, root } = await (await fetch(`${gateway}/v1/receipts/${id}`)).json()
 * verifyReceipt(receiptFromJson(receipt), proof, root) // true
 */
export function verifyReceipt(receipt: Receipt, proof: readonly Hex[], root: Hex): boolean {
  try {
    return StandardMerkleTree.verify(root, [...receiptLeafEncoding], [receiptId(receipt)], [...proof])
  } catch {
    return false
  }
}
