export {
  type GeneratePeftAdapterParameters,
  generatePeftAdapter,
  tinyLlamaConfig,
} from '../adapters/testing.js'
export { createReferenceSession, type ReferenceSession } from '../reference/createReferenceSession.js'
export { ReferenceInputError } from '../reference/errors.js'
export { type Float64Weights, mergeLoraFloat64 } from '../reference/mergeLoraFloat64.js'
export { referenceForward } from '../reference/referenceForward.js'
export { referenceGreedy } from '../reference/referenceGreedy.js'
export { buildTestTokenizerJson, TEST_TOKENIZER_MIN_VOCAB } from './buildTestTokenizerJson.js'
export { createTestHost, type TestHost } from './createTestHost.js'
export { randomLlamaWeights } from './randomLlamaWeights.js'
export { type RandomLoraWeightsParameters, randomLoraWeights } from './randomLoraWeights.js'
export { type ReferenceCase, referenceCases } from './referenceCases.js'
export { referenceTokenLosses } from './referenceTokenLosses.js'
export { relativeError } from './relativeError.js'
export { ORACLE, sharedModelsDir, stories260KDir } from './sharedModels.js'
export { smallLlamaConfig } from './smallLlamaConfig.js'
export { type WriteHuggingFaceFolderParameters, writeHuggingFaceFolder } from './writeHuggingFaceFolder.js'
