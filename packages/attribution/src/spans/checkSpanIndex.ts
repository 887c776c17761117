import type { SpanIndex } from './types.js'

/**
 * The first broken invariant of an index, or `undefined` when it holds together: row starts ascend from 0 to
 * the text's length, each row ends with the separator and holds only ranks below it, the vocabulary
 * ascends, the counts are the text's, and the suffix array is a permutation of the positions. O(n); the
 * suffix order itself is not re-checked (the file's checksum vouches for it).
 *
 * @example
 * checkSpanIndex(index) // undefined
 */
export function checkSpanIndex(index: SpanIndex): string | undefined {
  const { text, suffixArray, rowStarts, vocabulary, counts, rows } = index
  const n = text.length
  const separator = vocabulary.length
  if (rowStarts.length !== rows.length + 1) return `${rowStarts.length} row starts for ${rows.length} rows`
  if (rowStarts[0] !== 0 || rowStarts[rows.length] !== n) return 'row starts do not span the text'
  if (counts.length !== vocabulary.length) return 'counts and vocabulary differ in length'
  for (let i = 1; i < vocabulary.length; i++)
    if (vocabulary[i - 1]! >= vocabulary[i]!) return `vocabulary does not ascend at ${i}`

  const seen = new Uint32Array(vocabulary.length)
  for (let r = 0; r < rows.length; r++) {
    const start = rowStarts[r]!
    const end = rowStarts[r + 1]!
    if (end <= start) return `row ${r} has no separator slot`
    if (text[end - 1] !== separator) return `row ${r} does not end with the separator`
    for (let i = start; i < end - 1; i++) {
      const rank = text[i]!
      if (rank >= separator) return `text[${i}] = ${rank} is not a token rank`
      seen[rank]!++
    }
  }
  let tokens = 0
  for (let rank = 0; rank < counts.length; rank++) {
    if (seen[rank] !== counts[rank] || counts[rank] === 0)
      return `count of rank ${rank} disagrees with the text`
    tokens += counts[rank]!
  }
  if (tokens !== index.tokenCount) return `token count ${index.tokenCount}, text holds ${tokens}`

  if (suffixArray.length !== n) return `suffix array of ${suffixArray.length} for a text of ${n}`
  const placed = new Uint8Array((n + 7) >>> 3)
  for (let i = 0; i < n; i++) {
    const position = suffixArray[i]!
    const bit = 1 << (position & 7)
    if (position >= n || placed[position >>> 3]! & bit) return `suffix array is not a permutation at ${i}`
    placed[position >>> 3]! |= bit
  }
  return undefined
}
