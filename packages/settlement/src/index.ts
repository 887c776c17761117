export {
  InvalidSettlementInputError,
  InvalidUsageError,
  LedgerDivergedError,
  ReceiptConflictError,
} from './errors.js'
export { countPendingReceipts } from './ledger/countPendingReceipts.js'
export type { LedgerEpoch } from './ledger/epochRecord.js'
export { forgetLedger } from './ledger/forgetLedger.js'
export {
  type GetPayoutClaimOptions,
  getPayoutClaim,
  type PayoutClaim,
} from './ledger/getPayoutClaim.js'
export { getPublishedEpoch, type PublishedEpoch } from './ledger/getPublishedEpoch.js'
export { getReceiptStatus } from './ledger/getReceiptStatus.js'
export { chargeableBudget, getSpendable, type Spendable } from './ledger/getSpendable.js'
export { listEpochReceipts, type PublishedReceipt } from './ledger/listEpochReceipts.js'
export { type ListEpochsParameters, listEpochs } from './ledger/listEpochs.js'
export { listRecordedReceipts } from './ledger/listRecordedReceipts.js'
export {
  type RecordUsageParameters,
  type RecordUsageReturnType,
  recordUsage,
} from './ledger/recordUsage.js'
export { type ChainBalance, saveBalances } from './ledger/saveBalances.js'
export { settlementSchema } from './ledger/settlementSchema.js'
export type { EpochStatus, LedgerRef } from './ledger/tables.js'
export {
  type MeteredReceipt,
  type PlanSettlementParameters,
  planSettlement,
  type SettlementPlan,
} from './plan/planSettlement.js'
export { type SplitAdapterFeesParameters, splitAdapterFees } from './plan/splitAdapterFees.js'
export { type EnqueueUsageParameters, enqueueUsage } from './queue/enqueueUsage.js'
export {
  EPOCH_QUEUE,
  epochQueue,
  pingRedis,
  type QueueConnection,
  USAGE_QUEUE,
  usageQueue,
} from './queue/queues.js'
export {
  type SettlementEvent,
  type SettlementWorker,
  type StartSettlementWorkerParameters,
  startSettlementWorker,
} from './queue/startSettlementWorker.js'
export type { UsageJobData } from './queue/usageJob.js'
export { type ReconcileReport, reconcileLedger } from './settle/reconcileLedger.js'
export { type SettleNextEpochReturnType, settleNextEpoch } from './settle/settleNextEpoch.js'
export { readChainBalances, syncBalances } from './settle/syncBalances.js'
export { type AdapterCreatorsResolver, ledgerOf, type Settler, type SettlerHooks } from './settle/types.js'
export {
  compareEpochCalls,
  type EpochDifference,
  type EpochDifferenceField,
} from './verify/compareEpochCalls.js'
export { EpochNotPostedError, InvalidPublishedEpochError, UnverifiablePostError } from './verify/errors.js'
export { type ParsedPublishedEpoch, publishedEpochFromJson } from './verify/publishedEpoch.js'
export { type PostedEpoch, type PostedEpochStatus, readPostedEpoch } from './verify/readPostedEpoch.js'
export { type VerifyEpochParameters, type VerifyEpochReturnType, verifyEpoch } from './verify/verifyEpoch.js'
export { type WatchEpochsParameters, watchEpochs } from './verify/watchEpochs.js'
