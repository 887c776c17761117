/**
 * Brute-force references for the span index's property tests: every answer position against every row
 * offset, O(m · n · ℓ).
 */

/** For each answer position, the longest prefix of answer[i..] found inside one row. */
export function bruteMatchingStatistics(
  rows: readonly (readonly number[])[],
  answer: readonly number[],
): number[] {
  return answer.map((_, i) => {
    let best = 0
    for (const row of rows) {
      for (let offset = 0; offset < row.length; offset++) {
        let d = 0
        while (i + d < answer.length && offset + d < row.length && row[offset + d] === answer[i + d]) d++
        if (d > best) best = d
      }
    }
    return best
  })
}

/** Every (row, offset) where `pattern` occurs inside one row, in corpus order. */
export function bruteOccurrences(
  rows: readonly (readonly number[])[],
  pattern: readonly number[],
): { row: number; offset: number }[] {
  const found: { row: number; offset: number }[] = []
  for (const [r, row] of rows.entries()) {
    for (let offset = 0; offset + pattern.length <= row.length; offset++)
      if (pattern.every((token, d) => row[offset + d] === token)) found.push({ row: r, offset })
  }
  return found
}

/** The suffixes of `text` sorted naively (a proper prefix first): the suffix array by definition. */
export function bruteSuffixArray(text: readonly number[]): number[] {
  const suffixes = text.map((_, i) => i)
  return suffixes.sort((a, b) => {
    for (let d = 0; ; d++) {
      if (a + d === text.length) return b + d === text.length ? 0 : -1
      if (b + d === text.length) return 1
      const diff = text[a + d]! - text[b + d]!
      if (diff !== 0) return diff
    }
  })
}
