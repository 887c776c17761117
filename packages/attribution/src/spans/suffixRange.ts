import { firstTokenRanges } from './firstTokenRanges.js'
import type { SpanIndex } from './types.js'

/**
 * The suffix-array interval `[lo, hi)` of the suffixes that start with `pattern[from .. from + length)`
 * (ranks, none UNKNOWN): `hi − lo` occurrences, at positions `suffixArray[lo .. hi)`. Two binary searches
 * that resume each probe from the prefix shared with both bounds: O(log n + length) comparisons in practice.
 *
 * @example
 * const [lo, hi] = suffixRange(index, encodeAnswer(index, answer), 4, 12)
 */
export function suffixRange(
  index: SpanIndex,
  pattern: Int32Array,
  from: number,
  length: number,
): [lo: number, hi: number] {
  return [bound(index, pattern, from, length, false), bound(index, pattern, from, length, true)]
}

/** The first suffix ≥ the pattern (`upper` false) or > every suffix it prefixes (`upper` true). */
function bound(index: SpanIndex, pattern: Int32Array, from: number, m: number, upper: boolean): number {
  const { text, suffixArray } = index
  if (m === 0) return upper ? suffixArray.length : 0
  const ranges = firstTokenRanges(index)
  const first = pattern[from]!
  let lo = ranges[first]! - 1
  let hi = ranges[first + 1]!
  let matchLo = 1
  let matchHi = 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    const start = suffixArray[mid]!
    let d = matchLo < matchHi ? matchLo : matchHi
    while (d < m && text[start + d] === pattern[from + d]) d++
    const left = d === m ? !upper : text[start + d]! > pattern[from + d]!
    if (left) {
      hi = mid
      matchHi = d
    } else {
      lo = mid
      matchLo = d
    }
  }
  return hi
}
