import { ModelFormatError } from '../model/errors.js'
import type { Llama2cVocab } from './types.js'

/**
 * Parses a llama2.c tokenizer file (`tok512.bin`, `tokenizer.bin`): int32 max_token_length, then per
 * token a float32 score, an int32 byte length and the bytes. Reads `vocabSize` tokens and requires the
 * file to end there; without it, reads tokens to the end of the file.
 *
 * @example
 * const vocab = readLlama2cVocab(readFileSync('tok512.bin'), { vocabSize: 512, source: 'tok512.bin' })
 */
export function readLlama2cVocab(
  bytes: Uint8Array,
  options: { vocabSize?: number; source?: string } = {},
): Llama2cVocab {
  const source = options.source ?? 'tokenizer'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 4) throw new ModelFormatError(source, 'shorter than its 4-byte header')
  const maxTokenLength = view.getInt32(0, true)
  const pieces: Uint8Array[] = []
  const scoreList: number[] = []
  let at = 4
  while (options.vocabSize === undefined ? at < bytes.byteLength : pieces.length < options.vocabSize) {
    if (at + 8 > bytes.byteLength) {
      throw new ModelFormatError(source, `ends inside token ${pieces.length} (at byte ${at})`)
    }
    const length = view.getInt32(at + 4, true)
    if (length < 0 || at + 8 + length > bytes.byteLength) {
      throw new ModelFormatError(
        source,
        `token ${pieces.length} has length ${length}, past the end of the file`,
      )
    }
    scoreList.push(view.getFloat32(at, true))
    pieces.push(bytes.slice(at + 8, at + 8 + length))
    at += 8 + length
  }
  if (at !== bytes.byteLength) {
    throw new ModelFormatError(
      source,
      `has ${bytes.byteLength - at} bytes after its ${pieces.length} tokens (the model's vocab_size)`,
    )
  }
  const keys = pieces.map(binaryString)
  const ids = new Map<string, number>()
  keys.forEach((key, id) => {
    if (!ids.has(key)) ids.set(key, id)
  })
  return { maxTokenLength, pieces, keys, scores: Float32Array.from(scoreList), ids }
}

function binaryString(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}
