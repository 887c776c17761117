import { canonicalReceipt } from './canonicalReceipt.js'
import { receiptId } from './receiptId.js'
import type { ReceiptJson, ReceiptV1Json, ReceiptV2Json } from './receiptSchema.js'
import type { Receipt, ReceiptV1, ReceiptV2 } from './types.js'

/**
 * A receipt as JSON, in canonical form, with its `id`; bigints become decimal strings. A version 1 receipt's
 * JSON is exactly what it always was (no `version` key); a version 2 receipt's starts with `version: 2` and its
 * deployment, kind and base model. `receiptFromJson(receiptToJson(r))` gives back `canonicalReceipt(r)`.
 *
 * @example
 * res.json({ answer, attribution: receiptToJson(receipt) })
 */
export function receiptToJson(receipt: ReceiptV2): ReceiptV2Json
export function receiptToJson(receipt: ReceiptV1): ReceiptV1Json
export function receiptToJson(receipt: Receipt): ReceiptJson
export function receiptToJson(receipt: Receipt): ReceiptJson {
  const r = canonicalReceipt(receipt)
  const id = receiptId(r)
  if (r.version !== 2) return { id, ...fieldsJson(r) }
  const { requestId, agentId, ...rest } = fieldsJson(r)
  return {
    id,
    version: 2,
    chainId: r.chainId.toString(),
    feeRouter: r.feeRouter,
    kind: r.kind,
    requestId,
    agentId,
    baseModel: r.baseModel,
    ...rest,
  }
}

function fieldsJson(r: Receipt): Omit<ReceiptV1Json, 'id'> {
  return {
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
