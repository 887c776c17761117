export {
  BATCH_LEAF_ENCODING,
  type BatchLeaf,
  buildBatchTree,
} from './batches/buildBatchTree.js'
export {
  type CommitBatchErrorType,
  type CommitBatchParameters,
  type CommitBatchReturnType,
  commitBatch,
} from './batches/commitBatch.js'
export { type RowProofErrorType, rowProof } from './batches/rowProof.js'
export { verifyRowOnChain } from './batches/verifyRowOnChain.js'
export { checkRowContent, DEFAULT_ROW_LIMITS } from './content/checkRowContent.js'
export { contentHashOf } from './content/contentHashOf.js'
export { embeddingText } from './content/embeddingText.js'
export { DATANET_LICENSES, type DatanetLicense, resolveLicense } from './content/licenses.js'
export { rowIdOf } from './content/rowIdOf.js'
export {
  type CreateDatanetErrorType,
  type CreateDatanetParameters,
  createDatanet,
} from './datanets/createDatanet.js'
export { getDatanet } from './datanets/getDatanet.js'
export {
  type SyncDatanetErrorType,
  type SyncDatanetParameters,
  syncDatanet,
} from './datanets/syncDatanet.js'
export type { Embedder } from './embeddings/Embedder.js'
export { type EmbeddingHost, hostEmbedder } from './embeddings/hostEmbedder.js'
export { l2Normalize } from './embeddings/l2Normalize.js'
export { BatchCommitFailedError, NothingToCommitError, RowNotCommittedError } from './errors/batch.js'
export {
  DuplicateRowError,
  EmptyRowError,
  InvalidContributionSignatureError,
  InvalidRowInputError,
  RowTooLargeError,
  RowVanishedError,
  UnknownLicenseError,
  UnsignedRowError,
} from './errors/contribution.js'
export { DatanetStoreConflictError, UnknownDatanetError } from './errors/datanet.js'
export { ImportFormatError, ImportRowsError, type InvalidLine } from './errors/import.js'
export {
  NotCuratorError,
  ReviewReasonRequiredError,
  RowAlreadyReviewedError,
  UnknownRowError,
} from './errors/review.js'
export { EmbeddingDimensionError } from './errors/vector.js'
export { type ImportProgressBar, importProgressBar } from './import/importProgressBar.js'
export {
  type ImportProgress,
  type ImportRowsErrorType,
  type ImportRowsParameters,
  type ImportRowsReturnType,
  importRows,
} from './import/importRows.js'
export {
  type ContributeRowErrorType,
  type ContributeRowParameters,
  type ContributeRowReturnType,
  contributeRow,
} from './rows/contributeRow.js'
export { getRow } from './rows/getRow.js'
export { type ListRowsParameters, listRows } from './rows/listRows.js'
export type { Contribution } from './rows/prepareContribution.js'
export { type ReviewRowErrorType, type ReviewRowParameters, reviewRow } from './rows/reviewRow.js'
export {
  CONTRIBUTION_DOMAIN,
  type ContributionMessage,
  contributionTypedData,
  contributionTypes,
} from './signing/contributionTypedData.js'
export { type SignContributionParameters, signContribution } from './signing/signContribution.js'
export { type VerifyContributionParameters, verifyContribution } from './signing/verifyContribution.js'
export { datanetsSchema } from './store/datanetsSchema.js'
export { forgetDatanet } from './store/forgetDatanet.js'
export type {
  Datanet,
  DatanetRef,
  DatanetRow,
  RowContent,
  RowLimits,
  RowProof,
  RowStatus,
} from './types.js'
export type { DatanetIndex, IndexProgress, IndexStaleReason, IndexSync } from './vector/DatanetIndex.js'
export { type OpenIndexErrorType, type OpenIndexParameters, openIndex } from './vector/openIndex.js'
export { refreshIndex } from './vector/refreshIndex.js'
export { type SearchDatanetParameters, type SearchHit, searchDatanet } from './vector/searchDatanet.js'
