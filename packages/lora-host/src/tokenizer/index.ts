export {
  type CreateHuggingFaceTokenizerOptions,
  createHuggingFaceTokenizer,
  type HuggingFaceTokenizer,
} from './createHuggingFaceTokenizer.js'
export { createLlama2cTokenizer } from './createLlama2cTokenizer.js'
export { createStreamDecoder, type StreamDecoder } from './createStreamDecoder.js'
export { decodeLlama2c, decodeLlama2cPiece } from './decodeLlama2c.js'
export { encodeLlama2c, LLAMA2C_BOS, LLAMA2C_EOS } from './encodeLlama2c.js'
export { readLlama2cVocab } from './readLlama2cVocab.js'
export type { Llama2cTokenizer, Llama2cVocab } from './types.js'
