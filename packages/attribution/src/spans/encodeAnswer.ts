import type { SpanIndex } from './types.js'

/** The rank of an answer token the corpus never contains: it matches nothing, not even the separator. */
export const UNKNOWN = -1

/**
 * An answer's token ids as ranks of the index's vocabulary (binary search), `UNKNOWN` (−1) for ids the
 * corpus does not contain and for values that are not token ids at all.
 *
 * @example
 * encodeAnswer(index, [5, 9, 123456]) // Int32Array [3, 4, -1] when 123456 is not in the corpus
 */
export function encodeAnswer(index: SpanIndex, tokens: ArrayLike<number>): Int32Array {
  const { vocabulary } = index
  const ranks = new Int32Array(tokens.length)
  for (let i = 0; i < tokens.length; i++) {
    const id = tokens[i]!
    let lo = 0
    let hi = vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (vocabulary[mid]! < id) lo = mid + 1
      else hi = mid
    }
    ranks[i] = lo < vocabulary.length && vocabulary[lo] === id ? lo : UNKNOWN
  }
  return ranks
}
