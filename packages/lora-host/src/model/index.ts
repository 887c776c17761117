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
export { classifierWeight } from './classifierWeight.js'
export { ModelFormatError, ModelNotFoundError } from './errors.js'
export { linearWeight } from './linearWeight.js'
export { llamaWeightsFromSafetensors } from './llamaWeightsFromSafetensors.js'
export { loadBaseModel } from './loadBaseModel.js'
export { loadHuggingFaceFolder } from './loadHuggingFaceFolder.js'
export { type Llama2cModel, type LoadLlama2cParameters, loadLlama2c } from './loadLlama2c.js'
export { type HuggingFaceConfig, parseHuggingFaceConfig } from './parseHuggingFaceConfig.js'
export { parseLlama2cCheckpoint } from './parseLlama2cCheckpoint.js'
export { type RopeTables, ropeTables } from './ropeTables.js'
export { sha256Hex } from './sha256Hex.js'
export { transposeMatrix } from './transposeMatrix.js'
export * from './types.js'
