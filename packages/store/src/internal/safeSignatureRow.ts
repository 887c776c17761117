import type { Address, Hex, SafeSignature, SafeSignaturesTable } from '../types.js'

/** SQL → API for `safe_signatures`. */
export function fromSafeSignatureRow(row: SafeSignaturesTable): SafeSignature {
  return {
    safeTxHash: row.safe_tx_hash as Hex,
    signer: row.signer as Address,
    signature: row.signature as Hex,
    createdAt: new Date(row.created_at),
  }
}
