import type { Tokenizer } from '../model/types.js'

/** A llama2.c tokenizer's vocabulary: each piece's bytes and score, and a lookup by piece. */
export type Llama2cVocab = {
  maxTokenLength: number
  /** Each piece's bytes, as stored in the file. */
  pieces: Uint8Array[]
  /** Each piece as a binary string (one char per byte), so concatenation is byte concatenation. */
  keys: string[]
  scores: Float32Array
  /** Binary-string piece → id (the first id when a piece repeats). */
  ids: Map<string, number>
}

/** The llama2.c tokenizer: the `Tokenizer` contract plus llama2.c's piece-level decoding. */
export type Llama2cTokenizer = Tokenizer & {
  kind: 'llama2c'
  vocab: Llama2cVocab
  /** The bytes llama2.c prints for `id` after `prev` (run.c `decode`). */
  decodePiece: (prev: number, id: number) => Uint8Array
}
