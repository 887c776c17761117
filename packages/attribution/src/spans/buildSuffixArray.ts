import { SpanIndexInputError } from './errors.js'

const EMPTY = -1
const SYMBOL = 0x7fffffff

/**
 * The suffix array of `text` (symbols in `[0, alphabetSize)`, below 2³¹) by SA-IS (Nong, Zhang & Chan 2009):
 * linear time, suffixes ordered as if a unique smallest sentinel followed the text (a proper prefix sorts
 * first).
 *
 * Memory beyond `text`: the result (4 bytes per symbol) and, at one recursion level at a time, a count and a
 * bucket table of that level's alphabet size. Each suffix's type (S or L) rides in its symbol's top bit, so
 * `text` is modified during the call and restored before it returns; the reduced problem lives inside the
 * result array, and a level's tables sit in the unused middle of its parent's result when they fit. Worst
 * case 8 bytes per symbol (a level-1 alphabet of n/2 and no room); on 10M tokens of 32k-id Zipf text, 5.0
 * counted (the level-1 alphabet is 2.6M: one table fits the gap, the other takes 1 byte per symbol), about
 * 6.5 by RSS, the garbage collector freeing dropped tables late.
 *
 * @example
 * buildSuffixArray(new Uint32Array([1, 0, 1, 0]), 2) // Int32Array [3, 1, 2, 0]
 */
export function buildSuffixArray(text: Uint32Array | Int32Array, alphabetSize: number): Int32Array {
  if (text.length >= SYMBOL) throw new SpanIndexInputError(`text of ${text.length} symbols is too long`)
  if (alphabetSize > SYMBOL) throw new SpanIndexInputError(`alphabet of ${alphabetSize} symbols is too large`)
  for (let i = 0; i < text.length; i++) {
    const symbol = text[i]!
    if (!(symbol >= 0 && symbol < alphabetSize))
      throw new SpanIndexInputError(`symbol ${symbol} at ${i} is outside the alphabet [0, ${alphabetSize})`)
  }
  const t = text instanceof Int32Array ? text : new Int32Array(text.buffer, text.byteOffset, text.length)
  const sa = new Int32Array(t.length)
  try {
    sais(t, sa, alphabetSize)
  } finally {
    for (let i = 0; i < t.length; i++) t[i] = t[i]! & SYMBOL
  }
  return sa
}

/**
 * `t[i] < 0` marks an S-type suffix once `classify` has run; `t[i] & SYMBOL` is the symbol. `workspace`: free
 * memory (the gap of the parent's suffix array between its sorted and its reduced halves) for this level's
 * count and bucket tables, when they fit.
 */
function sais(t: Int32Array, sa: Int32Array, k: number, workspace?: Int32Array): void {
  const n = t.length
  if (n === 0) return
  if (n === 1) {
    sa[0] = 0
    return
  }
  classify(t)
  let [counts, buckets] = tables(k, workspace)
  countSymbols(t, counts)

  // 1. sort the LMS substrings: LMS positions at their buckets' ends, then induce (marking LMS entries)
  sa.fill(EMPTY)
  fillBuckets(buckets, true, counts)
  for (let i = 1; i < n; i++) if (t[i]! < 0 && t[i - 1]! >= 0) sa[--buckets[t[i]! & SYMBOL]!] = i
  induce(t, sa, buckets, counts, true)

  // 2. name them: equal LMS substrings get equal names, in sorted order
  let n1 = 0
  for (let i = 0; i < n; i++) {
    const p = sa[i]!
    if (p < EMPTY) sa[n1++] = ~p
  }
  sa.fill(EMPTY, n1)
  let names = 0
  let previous = -1
  for (let i = 0; i < n1; i++) {
    const p = sa[i]!
    if (previous < 0 || !equalLms(t, p, previous)) names++
    previous = p
    sa[n1 + (p >> 1)] = names - 1
  }
  for (let i = n - 1, j = n - 1; i >= n1; i--) if (sa[i]! >= 0) sa[j--] = sa[i]!

  // 3. sort the reduced string (recursively when names repeat), this level's bucket table dropped meanwhile
  const reduced = sa.subarray(n - n1)
  const sorted = sa.subarray(0, n1)
  if (names < n1) {
    counts = buckets = new Int32Array(0)
    sais(reduced, sorted, names, sa.subarray(n1, n - n1))
    ;[counts, buckets] = tables(k, workspace)
    countSymbols(t, counts)
  } else {
    for (let i = 0; i < n1; i++) sorted[reduced[i]!] = i
  }

  // 4. the sorted LMS suffixes at their buckets' ends, then induce every suffix from them
  for (let i = 1, j = 0; i < n; i++) if (t[i]! < 0 && t[i - 1]! >= 0) reduced[j++] = i
  for (let i = 0; i < n1; i++) sorted[i] = reduced[sorted[i]!]!
  sa.fill(EMPTY, n1)
  fillBuckets(buckets, true, counts)
  for (let i = n1 - 1; i >= 0; i--) {
    const p = sa[i]!
    sa[i] = EMPTY
    sa[--buckets[t[p]! & SYMBOL]!] = p
  }
  induce(t, sa, buckets, counts, false)
}

/** Sets the top bit of each S-type suffix's symbol (smaller than the next suffix); the last suffix is L. */
function classify(t: Int32Array): void {
  let nextSymbol = t[t.length - 1]!
  let nextIsS = false
  for (let i = t.length - 2; i >= 0; i--) {
    const symbol = t[i]!
    const isS: boolean = symbol < nextSymbol || (symbol === nextSymbol && nextIsS)
    if (isS) t[i] = symbol | ~SYMBOL
    nextSymbol = symbol
    nextIsS = isS
  }
}

/** A count table and a bucket table of `k` entries, in `workspace` as far as it holds them. */
function tables(k: number, workspace: Int32Array | undefined): [counts: Int32Array, buckets: Int32Array] {
  const fit = workspace ? Math.floor(workspace.length / k) : 0
  return [
    fit >= 1 ? workspace!.subarray(0, k) : new Int32Array(k),
    fit >= 2 ? workspace!.subarray(k, 2 * k) : new Int32Array(k),
  ]
}

function countSymbols(t: Int32Array, counts: Int32Array): void {
  counts.fill(0)
  for (let i = 0; i < t.length; i++) counts[t[i]! & SYMBOL]!++
}

/** Each symbol's bucket start (or end, exclusive). */
function fillBuckets(buckets: Int32Array, ends: boolean, counts: Int32Array): void {
  let sum = 0
  for (let c = 0; c < buckets.length; c++) {
    const count = counts[c]!
    sum += count
    buckets[c] = ends ? sum : sum - count
  }
}

/**
 * Induces L-type suffixes left to right from bucket starts, then S-type right to left from bucket ends.
 * With `markLms`, LMS suffixes are stored complemented (~j, never −1 since 0 is not LMS): their predecessor
 * is L-type, so the S pass skips them anyway, and the caller collects them without reading the text.
 */
function induce(
  t: Int32Array,
  sa: Int32Array,
  buckets: Int32Array,
  counts: Int32Array,
  markLms: boolean,
): void {
  const n = t.length
  fillBuckets(buckets, false, counts)
  sa[buckets[t[n - 1]! & SYMBOL]!++] = n - 1 // the sentinel's predecessor: the first L-type suffix
  for (let i = 0; i < n; i++) {
    const j = sa[i]! - 1
    if (j < 0) continue
    const c = t[j]!
    if (c >= 0) sa[buckets[c]!++] = j
  }
  fillBuckets(buckets, true, counts)
  for (let i = n - 1; i >= 0; i--) {
    const j = sa[i]! - 1
    if (j < 0) continue
    const c = t[j]!
    if (c >= 0) continue
    sa[--buckets[c & SYMBOL]!] = markLms && j > 0 && t[j - 1]! >= 0 ? ~j : j
  }
}

/** Whether the LMS substrings at `a` and `b` are equal (symbols and types, up to and including the next LMS). */
function equalLms(t: Int32Array, a: number, b: number): boolean {
  const n = t.length
  for (let d = 0; ; d++) {
    const x = a + d
    const y = b + d
    if (x === n || y === n || t[x] !== t[y]) return false
    if (d > 0 && t[x]! < 0 && t[x - 1]! >= 0) return true
  }
}
