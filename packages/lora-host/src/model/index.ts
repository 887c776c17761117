export { createReferenceSession, type ReferenceSession } from '../reference/createReferenceSession.js'
export { ReferenceInputError } from '../reference/errors.js'
export { type Float64Weights, mergeLoraFloat64 } from '../reference/mergeLoraFloat64.js'
export { referenceForward } from '../reference/referenceForward.js'
export { referenceGreedy } from '../reference/referenceGreedy.js'
export { buildTestTokenizerJson, TEST_TOKENIZER_MIN_VOCAB } from '../testing/buildTestTokenizerJson.js'
export { mulberry32 } from '../testing/mulberry32.js'
export { type RandomLoraWeightsParameters, randomLoraWeights } from '../testing/randomLoraWeights.js'
export {
  type WriteHuggingFaceFolderParameters,
  writeHuggingFaceFolder,
} from '../testing/writeHuggingFaceFolder.js'
export {
  type CreateHuggingFaceTokenizerOptions,
  createHuggingFaceTokenizer,
  type HuggingFaceTokenizer,
} from '../tokenizer/createHuggingFaceTokenizer.js'
export { createLlama2cTokenizer } from '../tokenizer/createLlama2cTokenizer.js'
export { createStreamDecoder, type StreamDecoder } from '../tokenizer/createStreamDecoder.js'
export { decodeLlama2c, decodeLlama2cPiece } from '../tokenizer/decodeLlama2c.js'
export { encodeLlama2c, LLAMA2C_BOS, LLAMA2C_EOS } from '../tokenizer/encodeLlama2c.js'
export { readLlama2cVocab } from '../tokenizer/readLlama2cVocab.js'
export type { Llama2cTokenizer, Llama2cVocab } from '../tokenizer/types.js'
export { ModelFormatError, ModelNotFoundError } from './errors.js'
export { llamaWeightsFromSafetensors } from './llamaWeightsFromSafetensors.js'
export { loadBaseModel } from './loadBaseModel.js'
export { loadHuggingFaceFolder } from './loadHuggingFaceFolder.js'
export { type Llama2cModel, type LoadLlama2cParameters, loadLlama2c } from './loadLlama2c.js'
export { type HuggingFaceConfig, parseHuggingFaceConfig } from './parseHuggingFaceConfig.js'
export { parseLlama2cCheckpoint } from './parseLlama2cCheckpoint.js'
export { sha256Hex } from './sha256Hex.js'
export * from './types.js'
