import { encodeAbiParameters, type Hex } from 'viem'
import { canonicalReceipt } from './canonicalReceipt.js'
import { type Receipt, receiptV1AbiParameters, receiptV2AbiParameters } from './types.js'

/**
 * The canonical ABI encoding of a receipt: `abi.encode(receipt)` of its version's struct
 * (`receiptV1AbiParameters` or `receiptV2AbiParameters`, version first), over the receipt's canonical form, so
 * the same receipt always encodes the same whatever the order of its adapters and contributions. Throws
 * `InvalidReceiptError` for an invalid receipt.
 *
 * @example
 * const bytes = encodeReceipt(receipt)
 */
export function encodeReceipt(receipt: Receipt): Hex {
  const r = canonicalReceipt(receipt)
  if (r.version === 2) return encodeAbiParameters(receiptV2AbiParameters, [r])
  return encodeAbiParameters(receiptV1AbiParameters, [
    {
      version: 1,
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
