import { encodeAnswer, UNKNOWN } from './encodeAnswer.js'
import { firstTokenRanges } from './firstTokenRanges.js'
import type { SpanIndex } from './types.js'

/**
 * The matching statistics of an answer: for each position i, the length of the longest prefix of
 * `answer[i..]` that occurs verbatim in one row of the corpus. One binary search over the suffix array per
 * position: the suffix sharing the longest prefix with the pattern sorts next to where the pattern would be
 * inserted, and each probe resumes from the smaller of the prefixes shared with the two bounds (Manber &
 * Myers), so a position costs O(log n + ℓ) token comparisons in practice; the search starts inside the range
 * of its first token (`firstTokenRanges`). A match stops at a token the
 * corpus lacks and, since no answer token maps to the separator, at every row boundary.
 *
 * @example
 * matchingStatistics(index, answerTokens) // Uint32Array [12, 11, 10, 0, 3, …]
 */
export function matchingStatistics(index: SpanIndex, answer: ArrayLike<number>): Uint32Array {
  const ranks = encodeAnswer(index, answer)
  const lengths = new Uint32Array(ranks.length)
  let end = ranks.length
  for (let i = ranks.length - 1; i >= 0; i--) {
    if (ranks[i] === UNKNOWN) {
      end = i
      continue
    }
    lengths[i] = longestMatch(index, ranks, i, end)
  }
  return lengths
}

/** The longest prefix of `pattern[from..to)` (no UNKNOWN inside) that starts some suffix of the text. */
function longestMatch(index: SpanIndex, pattern: Int32Array, from: number, to: number): number {
  const { text, suffixArray } = index
  const m = to - from
  // every suffix in the first token's range shares one token with the pattern
  const ranges = firstTokenRanges(index)
  const first = pattern[from]!
  let lo = ranges[first]! - 1
  let hi = ranges[first + 1]!
  let matchLo = 1
  let matchHi = 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    const start = suffixArray[mid]!
    // the text ends with a separator, which the pattern never contains: start + d stays inside the text
    let d = matchLo < matchHi ? matchLo : matchHi
    while (d < m && text[start + d] === pattern[from + d]) d++
    if (d === m) return m
    if (text[start + d]! > pattern[from + d]!) {
      hi = mid
      matchHi = d
    } else {
      lo = mid
      matchLo = d
    }
  }
  return matchLo > matchHi ? matchLo : matchHi
}
