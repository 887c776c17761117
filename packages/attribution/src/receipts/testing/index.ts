export { receiptArbitrary } from './receiptArbitrary.js'
export { sampleReceipt, sampleReceiptV2 } from './sampleReceipt.js'
