export { receiptArbitrary } from './receiptArbitrary.js'
export { sampleReceipt } from './sampleReceipt.js'
