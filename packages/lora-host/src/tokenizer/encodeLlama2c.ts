import type { Llama2cVocab } from './types.js'

export const LLAMA2C_BOS = 1
export const LLAMA2C_EOS = 2
/** llama2.c's starting best score, a C float. */
const NO_SCORE = Math.fround(-1e10)

/**
 * llama2.c's `encode` (run.c), step for step: optional BOS; a dummy-prefix `" "` token when the text is
 * not empty; each UTF-8 codepoint (at most 4 bytes) looked up as a piece, else one `<0xXX>` byte token
 * (id = byte + 3) per byte; then, while any adjacent pair concatenates to a piece, merge the pair whose
 * piece scores highest (the leftmost on ties); optional EOS.
 *
 * @example
 * encodeLlama2c(vocab, 'Once upon a time', { bos: true }) // [1, …]
 */
export function encodeLlama2c(
  vocab: Llama2cVocab,
  text: string,
  options: { bos?: boolean; eos?: boolean } = {},
): number[] {
  const tokens: number[] = []
  if (options.bos) tokens.push(LLAMA2C_BOS)
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > 0) {
    const dummyPrefix = vocab.ids.get(' ')
    if (dummyPrefix !== undefined) tokens.push(dummyPrefix)
  }
  let codepoint = ''
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!
    if ((byte & 0xc0) !== 0x80) codepoint = ''
    codepoint += String.fromCharCode(byte)
    const next = bytes[i + 1]
    if (next !== undefined && (next & 0xc0) === 0x80 && codepoint.length < 4) continue
    const id = vocab.ids.get(codepoint)
    if (id !== undefined) tokens.push(id)
    else for (let j = 0; j < codepoint.length; j++) tokens.push(codepoint.charCodeAt(j) + 3)
    codepoint = ''
  }
  mergePairs(vocab, tokens)
  if (options.eos) tokens.push(LLAMA2C_EOS)
  return tokens
}

/** Merges in place. Keeps each adjacent pair's merged id so each round is one scan of numbers. */
function mergePairs(vocab: Llama2cVocab, tokens: number[]): void {
  const pairId = (i: number) => {
    const left = vocab.keys[tokens[i]!]
    const right = vocab.keys[tokens[i + 1]!]
    return left === undefined || right === undefined ? -1 : (vocab.ids.get(left + right) ?? -1)
  }
  const merged = tokens.slice(0, -1).map((_, i) => pairId(i))
  for (;;) {
    let bestScore = NO_SCORE
    let bestId = -1
    let bestIndex = -1
    for (let i = 0; i < merged.length; i++) {
      const id = merged[i]!
      if (id !== -1 && vocab.scores[id]! > bestScore) {
        bestScore = vocab.scores[id]!
        bestId = id
        bestIndex = i
      }
    }
    if (bestIndex === -1) return
    tokens[bestIndex] = bestId
    tokens.splice(bestIndex + 1, 1)
    merged.splice(bestIndex, 1)
    if (bestIndex > 0) merged[bestIndex - 1] = pairId(bestIndex - 1)
    if (bestIndex < merged.length) merged[bestIndex] = pairId(bestIndex)
  }
}
