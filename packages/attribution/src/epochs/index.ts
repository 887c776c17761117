export {
  type BuildEpochParameters,
  buildEpoch,
  type Epoch,
  type PayoutLeaf,
  type PayoutProof,
} from './buildEpoch.js'
export {
  DuplicateReceiptError,
  EmptyEpochError,
  EpochAccountingError,
  InvalidEpochInputError,
  UnknownPayoutAccountError,
  UnknownReceiptError,
} from './errors.js'
export { payoutLeafEncoding, receiptLeafEncoding } from './leafEncodings.js'
export {
  type SplitEpochFeesParameters,
  type SplitEpochFeesReturnType,
  splitEpochFees,
} from './splitEpochFees.js'
export { verifyPayout } from './verifyPayout.js'
export { verifyReceipt } from './verifyReceipt.js'
