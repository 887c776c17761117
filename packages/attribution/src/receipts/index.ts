export { canonicalReceipt } from './canonicalReceipt.js'
export { encodeReceipt } from './encodeReceipt.js'
export { InvalidReceiptError, ReceiptIdMismatchError } from './errors.js'
export type { ReceiptStatus } from './ReceiptStatus.js'
export { receiptFromJson } from './receiptFromJson.js'
export { receiptId } from './receiptId.js'
export { type ReceiptJson, type ReceiptV1Json, type ReceiptV2Json, receiptSchema } from './receiptSchema.js'
export { receiptToJson } from './receiptToJson.js'
export {
  RECEIPT_VERSION,
  type Receipt,
  type ReceiptAdapter,
  type ReceiptContribution,
  type ReceiptFields,
  type ReceiptKind,
  type ReceiptV1,
  type ReceiptV2,
  receiptKinds,
  receiptV1AbiParameters,
  receiptV2AbiParameters,
} from './types.js'
