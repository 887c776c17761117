import { encodeAnswer } from './encodeAnswer.js'
import { SpanOptionsError } from './errors.js'
import { matchingStatistics } from './matchingStatistics.js'
import { suffixRange } from './suffixRange.js'
import type { Span, SpanIndex, SpanOccurrence } from './types.js'

export type FindSpansOptions = {
  /**
   * Shorter spans are dropped: a few tokens in a row match by chance. Default 8 tokens (about three words
   * with stories260K's 512 pieces, six with a 32k vocabulary).
   */
  minLength?: number | undefined
  /**
   * Spans whose tokens' geometric-mean unigram probability, 2^(−information / length), exceeds this are
   * dropped as made of common tokens ("the the the", ", and then the"); a rare token lowers the mean, so a
   * span with some content survives. Default 0.02 (below 5.6 bits a token).
   */
  maxTokenProbability?: number | undefined
  /** Occurrences listed per span; `count` is always exact. Default 1,000. */
  maxOccurrences?: number | undefined
  /**
   * Whether a token id continues the word before it (a piece without a leading space or punctuation). When
   * given, spans are trimmed to whole words, as OLMoTrace does: a common phrase plus the first piece of the
   * next word ("there was a little d|uck") would otherwise look unique. Default: no trimming.
   */
  continuesWord?: ((token: number) => boolean) | undefined
}

/**
 * The maximal spans of an answer that occur verbatim in the corpus, never across a row boundary. For each
 * answer position the longest match (`matchingStatistics`); a match is maximal when it ends past every match
 * that starts earlier (match ends never decrease, so comparing with the previous one suffices). Each is
 * trimmed to whole words when `continuesWord` is given; kept are those of at least `minLength` tokens whose
 * tokens are not all common (`maxTokenProbability`), each with its unigram self-information, exact occurrence
 * count and up to `maxOccurrences` occurrences (rows, offsets). Cost: O(m (log n + ℓ)) for m answer tokens,
 * plus the occurrences listed.
 *
 * @example
 * const spans = findSpans(index, tokenizer.encode(answer), { minLength: 8 })
 * const scores = scoreSpans(index, spans)
 */
export function findSpans(
  index: SpanIndex,
  answer: ArrayLike<number>,
  options: FindSpansOptions = {},
): Span[] {
  const { minLength, maxProbability, maxOccurrences, continuesWord } = resolve(options)
  const lengths = matchingStatistics(index, answer)
  const ranks = encodeAnswer(index, answer)
  const bits = cumulativeInformation(index, ranks)
  const spans: Span[] = []
  let reach = 0
  let trimmedReach = 0
  for (let i = 0; i < lengths.length; i++) {
    let start = i
    let end = i + lengths[i]!
    if (end === start || end <= reach) continue
    reach = end
    if (continuesWord) {
      // trimmed starts and ends stay monotone too: a trimmed span is new or inside the previous one
      while (start > 0 && start < end && continuesWord(answer[start]!)) start++
      while (end > start && end < answer.length && continuesWord(answer[end]!)) end--
      if (end <= start || end <= trimmedReach) continue
      trimmedReach = end
    }
    const length = end - start
    if (length < minLength) continue
    const information = bits[end]! - bits[start]!
    const tokenProbability = 2 ** (-information / length)
    if (tokenProbability > maxProbability) continue
    const [lo, hi] = suffixRange(index, ranks, start, length)
    const occurrences = locate(index, lo, Math.min(hi, lo + maxOccurrences))
    spans.push({ start, length, count: hi - lo, information, tokenProbability, occurrences })
  }
  return spans
}

function resolve(options: FindSpansOptions) {
  const minLength = options.minLength ?? 8
  if (!Number.isSafeInteger(minLength) || minLength < 1)
    throw new SpanOptionsError('minLength', minLength, 'an integer ≥ 1')
  const maxProbability = options.maxTokenProbability ?? 0.02
  if (!(maxProbability > 0 && maxProbability <= 1))
    throw new SpanOptionsError('maxTokenProbability', maxProbability, 'a number in (0, 1]')
  const maxOccurrences = options.maxOccurrences ?? 1000
  if (!Number.isSafeInteger(maxOccurrences) || maxOccurrences < 1)
    throw new SpanOptionsError('maxOccurrences', maxOccurrences, 'an integer ≥ 1')
  return { minLength, maxProbability, maxOccurrences, continuesWord: options.continuesWord }
}

/** bits[i] = Σ_{j<i} −log₂ p(answer[j]) over known tokens (only those can be inside a span). */
function cumulativeInformation(index: SpanIndex, ranks: Int32Array): Float64Array {
  const bits = new Float64Array(ranks.length + 1)
  const log2Total = Math.log2(index.tokenCount)
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i]!
    bits[i + 1] = bits[i]! + (rank < 0 ? 0 : log2Total - Math.log2(index.counts[rank]!))
  }
  return bits
}

/** Rows and offsets of the suffixes `suffixArray[lo..hi)`, in corpus order. */
function locate(index: SpanIndex, lo: number, hi: number): SpanOccurrence[] {
  const { rowStarts } = index
  const positions = index.suffixArray.slice(lo, hi).sort()
  const occurrences: SpanOccurrence[] = []
  let row = 0
  for (const position of positions) {
    // positions ascend, so the row only moves forward: gallop by binary search from the current row
    let top = rowStarts.length - 1
    while (row + 1 < top) {
      const mid = (row + top) >>> 1
      if (rowStarts[mid]! <= position) row = mid
      else top = mid
    }
    occurrences.push({ row, offset: position - rowStarts[row]! })
  }
  return occurrences
}
