import { encodeAnswer } from '../src/spans/encodeAnswer.js'
import type { SpanIndex } from '../src/spans/types.js'

/**
 * The baseline the suffix array is measured against: for each answer position, every corpus position,
 * extending each match until it fails (separators never match, so rows are respected). O(m · n · ℓ).
 *
 * @example
 * naiveMatchingStatistics(index, answer) // the same numbers as matchingStatistics(index, answer)
 */
export function naiveMatchingStatistics(index: SpanIndex, answer: ArrayLike<number>): number[] {
  const { text } = index
  const ranks = encodeAnswer(index, answer)
  const lengths: number[] = []
  for (let i = 0; i < ranks.length; i++) {
    const first = ranks[i]!
    let best = 0
    if (first >= 0) {
      for (let p = 0; p < text.length; p++) {
        if (text[p] !== first) continue
        let d = 1
        while (i + d < ranks.length && text[p + d] === ranks[i + d]) d++
        if (d > best) best = d
      }
    }
    lengths.push(best)
  }
  return lengths
}
