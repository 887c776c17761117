import { encodeAbiParameters, type Hex } from 'viem'
import { canonicalReceipt } from './canonicalReceipt.js'
import { RECEIPT_VERSION, type Receipt, receiptAbiParameters } from './types.js'

/**
 * The canonical ABI encoding of a receipt: `abi.encode(Receipt)` of the struct in `receiptAbiParameters`
 * (version first), over the receipt's canonical form, so the same receipt always encodes the same whatever the
 * order of its adapters and contributions. Throws `InvalidReceiptError` for an invalid receipt.
 *
 * @example
 * const bytes = encodeReceipt(receipt)
 */
export function encodeReceipt(receipt: Receipt): Hex {
  const r = canonicalReceipt(receipt)
  return encodeAbiParameters(receiptAbiParameters, [
    {
      version: RECEIPT_VERSION,
      requestId: r.requestId,
      agentId: r.agentId,
      adapters: r.adapters,
      responseHash: r.responseHash,
      fee: r.fee,
      payer: r.payer,
      timestamp: r.timestamp,
      noEvidence: r.noEvidence,
      contributions: r.contributions,
    },
  ])
}
