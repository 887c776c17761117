import { decodeLlama2c, decodeLlama2cPiece } from './decodeLlama2c.js'
import { encodeLlama2c, LLAMA2C_BOS, LLAMA2C_EOS } from './encodeLlama2c.js'
import type { Llama2cTokenizer, Llama2cVocab } from './types.js'

/**
 * A `Tokenizer` over a llama2.c vocabulary: llama2.c's `encode` (BOS = 1, EOS = 2) and its piece rules
 * for decoding.
 *
 * @example
 * const tokenizer = createLlama2cTokenizer(readLlama2cVocab(readFileSync('tok512.bin')))
 * tokenizer.decode(tokenizer.encode('Once upon a time', { bos: true })) // 'Once upon a time'
 */
export function createLlama2cTokenizer(vocab: Llama2cVocab): Llama2cTokenizer {
  return {
    kind: 'llama2c',
    vocab,
    vocabSize: vocab.pieces.length,
    bos: LLAMA2C_BOS,
    eos: LLAMA2C_EOS,
    encode: (text, options = {}) => encodeLlama2c(vocab, text, { bos: options.bos ?? false }),
    decode: (ids) => decodeLlama2c(vocab, ids),
    decodePiece: (prev, id) => decodeLlama2cPiece(vocab, prev, id),
  }
}
