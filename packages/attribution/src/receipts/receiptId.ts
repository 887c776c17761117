import { type Hex, keccak256 } from 'viem'
import { encodeReceipt } from './encodeReceipt.js'
import type { Receipt } from './types.js'

/**
 * A receipt's id: `keccak256(abi.encode(receipt))` of its canonical encoding (see `encodeReceipt`). Any change
 * to any field changes the id. Throws `InvalidReceiptError` for an invalid receipt.
 *
 * @example
 * const id = receiptId(receipt) // 0x…, 32 bytes
 */
export function receiptId(receipt: Receipt): Hex {
  return keccak256(encodeReceipt(receipt))
}
