export { canonicalReceipt } from './canonicalReceipt.js'
export { encodeReceipt } from './encodeReceipt.js'
export { InvalidReceiptError, ReceiptIdMismatchError } from './errors.js'
export type { ReceiptStatus } from './ReceiptStatus.js'
export { receiptFromJson } from './receiptFromJson.js'
export { receiptId } from './receiptId.js'
export { type ReceiptJson, receiptSchema } from './receiptSchema.js'
export { receiptToJson } from './receiptToJson.js'
export {
  RECEIPT_VERSION,
  type Receipt,
  type ReceiptAdapter,
  type ReceiptContribution,
  receiptAbiParameters,
} from './types.js'
