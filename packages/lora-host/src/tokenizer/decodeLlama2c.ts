import { LLAMA2C_BOS, LLAMA2C_EOS } from './encodeLlama2c.js'
import type { Llama2cVocab } from './types.js'

const SPACE = 0x20
const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/

/**
 * The bytes of one piece as llama2.c's `decode(prev, id)` gives them: after BOS a leading space is
 * dropped (SentencePiece's dummy prefix), and a `<0xXX>` piece is that one raw byte.
 *
 * @example
 * decodeLlama2cPiece(vocab, 1, 403) // bytes of 'Once' (the piece ' Once' after BOS)
 */
export function decodeLlama2cPiece(vocab: Llama2cVocab, prev: number, id: number): Uint8Array {
  let piece = vocab.pieces[id]
  if (piece === undefined)
    throw new RangeError(`Token id ${id} is outside the vocabulary (${vocab.pieces.length}).`)
  if (prev === LLAMA2C_BOS && piece[0] === SPACE) piece = piece.subarray(1)
  const byte = BYTE_PIECE.exec(vocab.keys[id]!)
  return byte ? Uint8Array.of(Number.parseInt(byte[1]!, 16)) : piece
}

/**
 * Decodes ids to text: BOS and EOS produce nothing; every other piece's bytes as `decodeLlama2cPiece`
 * gives them, with the first piece of the sequence treated as following BOS (so `decode(encode(text))`
 * drops the dummy-prefix space again); the bytes are joined, then decoded as UTF-8.
 *
 * @example
 * decodeLlama2c(vocab, encodeLlama2c(vocab, 'Once upon a time', { bos: true })) // 'Once upon a time'
 */
export function decodeLlama2c(vocab: Llama2cVocab, ids: readonly number[]): string {
  const parts: Uint8Array[] = []
  let prev = LLAMA2C_BOS
  for (const id of ids) {
    if (id !== LLAMA2C_BOS && id !== LLAMA2C_EOS) parts.push(decodeLlama2cPiece(vocab, prev, id))
    prev = id
  }
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    bytes.set(part, at)
    at += part.length
  }
  return new TextDecoder().decode(bytes)
}
