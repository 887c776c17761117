import { canonicalReceipt } from './canonicalReceipt.js'
import { receiptId } from './receiptId.js'
import type { ReceiptJson } from './receiptSchema.js'
import type { Receipt } from './types.js'

/**
 * A receipt as JSON, in canonical form, with its `id`; bigints become decimal strings.
 * `receiptFromJson(receiptToJson(r))` gives back `canonicalReceipt(r)`.
 *
 * @example
 * res.json({ answer, attribution: receiptToJson(receipt) })
 */
export function receiptToJson(receipt: Receipt): ReceiptJson {
  const r = canonicalReceipt(receipt)
  return {
    id: receiptId(r),
    requestId: r.requestId,
    agentId: r.agentId,
    adapters: r.adapters.map(({ id, sha256 }) => ({ id, sha256 })),
    responseHash: r.responseHash,
    fee: r.fee.toString(),
    payer: r.payer,
    timestamp: r.timestamp.toString(),
    noEvidence: r.noEvidence,
    contributions: r.contributions.map((c) => ({
      datanetId: c.datanetId.toString(),
      rowId: c.rowId,
      contributor: c.contributor,
      weight: c.weight.toString(),
      method: c.method,
    })),
  }
}
