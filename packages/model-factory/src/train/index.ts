export { AdamW, type AdamWOptions } from './AdamW.js'
export {
  buildTrainingGraph,
  loraParameters,
  type TrainingGraphOptions,
  trainingNames,
} from './buildTrainingGraph.js'
export {
  FineTuneCancelledError,
  InvalidFineTuneError,
  NoTrainingDataError,
  SequenceTooLongError,
  TrainingStepInputError,
} from './errors.js'
export {
  evalLoss,
  type FineTuneOptions,
  type FineTuneParameters,
  type FineTuneProgress,
  type FineTuneResult,
  fineTune,
  type TrainingCheckpoint,
} from './fineTune.js'
export { initLoraState } from './initLoraState.js'
export { type LearningRateSchedule, learningRate } from './learningRate.js'
export { type PeftAdapterFilesParameters, peftAdapterFiles, writePeftAdapter } from './peftAdapterFiles.js'
export { type LoraState, type StepResult, type TokenSequence, TrainingSession } from './TrainingSession.js'
export { type TrainingText, tokenizeRow } from './tokenizeRow.js'
