export { adapterCommitment } from './adapterCommitment.js'
export {
  AdapterClaimExpiredError,
  AdapterCommitmentError,
  type AdapterCommitmentProblem,
  CreatorReassignedError,
  InvalidAdapterClaimSignatureError,
  InvalidCreatorError,
} from './claimErrors.js'
export {
  type CommitAdapterLineageErrorType,
  type CommitAdapterLineageParameters,
  type CommitAdapterLineageReturnType,
  commitAdapterLineage,
} from './commitAdapterLineage.js'
export {
  AdapterAlreadyRegisteredError,
  AdapterAlreadyRevokedError,
  DuplicateDatanetError,
  DuplicateRowIdError,
  EmptyRevocationReasonError,
  EmptyTrainingRowsError,
  InvalidDatanetCountError,
  InvalidLineageHashError,
  InvalidRowIdError,
  LineageRevertError,
  NotRegistryOwnerError,
  RowNotInTrainingSetError,
  UnknownAdapterError,
  UnknownDatanetError,
} from './errors.js'
export { type GetAdapterLineageParameters, getAdapterLineage } from './getAdapterLineage.js'
export {
  type AdapterCreatorsFromRegistry,
  modelRegistryAdapterCreators,
} from './modelRegistryAdapterCreators.js'
export { type ModelRegistryGuardOptions, modelRegistryGuard } from './modelRegistryGuard.js'
export {
  type RegisterAdapterLineageErrorType,
  type RegisterAdapterLineageParameters,
  type RegisterAdapterLineageReturnType,
  registerAdapterLineage,
} from './registerAdapterLineage.js'
export { signAdapterClaim } from './signAdapterClaim.js'
export { toLineageError } from './toLineageError.js'
export {
  type TrainingRowsTree,
  type TrainingRowsTreeErrorType,
  trainingRowsTree,
} from './trainingRowsTree.js'
export type { AdapterClaim, AdapterLineage, LineageContracts } from './types.js'
export {
  type VerifyAdapterLineageParameters,
  type VerifyAdapterLineageReturnType,
  verifyAdapterLineage,
} from './verifyAdapterLineage.js'
