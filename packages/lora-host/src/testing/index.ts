export {
  type GeneratePeftAdapterParameters,
  generatePeftAdapter,
  tinyLlamaConfig,
} from '../adapters/testing.js'
export { buildTestTokenizerJson, TEST_TOKENIZER_MIN_VOCAB } from './buildTestTokenizerJson.js'
export { createTestHost, type TestHost } from './createTestHost.js'
export { mulberry32 } from './mulberry32.js'
export { type RandomLoraWeightsParameters, randomLoraWeights } from './randomLoraWeights.js'
export { relativeError } from './relativeError.js'
export { ORACLE, sharedModelsDir, stories260KDir } from './sharedModels.js'
export { type WriteHuggingFaceFolderParameters, writeHuggingFaceFolder } from './writeHuggingFaceFolder.js'
