export {
  type CancelFineTuneReturnType,
  cancelFineTune,
  fineTuneCancelKey,
} from './cancelFineTune.js'
export {
  type EnqueueFineTuneErrorType,
  type EnqueueFineTuneOptions,
  enqueueFineTune,
} from './enqueueFineTune.js'
export {
  AdapterOutputExistsError,
  FineTuneJobNotFoundError,
  InvalidFineTunePayloadError,
  InvalidTrainingManifestError,
} from './errors.js'
export { type FineTuneOwner, fineTuneOwnerOf } from './fineTuneOwner.js'
export {
  DEFAULT_MAX_RANK,
  DEFAULT_MAX_STEPS,
  type FineTunePayload,
  type FineTunePayloadBounds,
  fineTunePayloadSchema,
  parseFineTunePayload,
} from './fineTunePayload.js'
export {
  FINE_TUNE_QUEUE,
  type FineTuneQueueConnection,
  fineTuneQueue,
} from './fineTuneQueue.js'
export {
  type FineTuneAdmission,
  type FineTuneRouter,
  type FineTuneRouterParameters,
  fineTuneRouter,
} from './fineTuneRouter.js'
export {
  type RunFineTuneJobErrorType,
  type RunFineTuneJobParameters,
  type RunFineTuneJobReturnType,
  runFineTuneJob,
} from './runFineTuneJob.js'
export {
  type FineTuneJobProgress,
  type FineTuneJobResult,
  type StartFineTuneWorkerParameters,
  startFineTuneWorker,
} from './startFineTuneWorker.js'
export { readTrainingManifest, TRAINING_MANIFEST, type TrainingManifest } from './trainingManifest.js'
export { writeTrainedAdapter } from './writeTrainedAdapter.js'
