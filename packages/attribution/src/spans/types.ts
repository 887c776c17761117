import type { Address } from 'viem'

/** One corpus row to index: a Datanet row, or one training row of an adapter. */
export type SpanIndexRowInput = {
  rowId: string
  contributor: Address
  /** Token ids, integers in [0, 2³² − 1). */
  tokens: ArrayLike<number>
}

/** A row of an index: who contributed it. Its tokens live in `SpanIndex.text`. */
export type SpanIndexRow = {
  rowId: string
  /** Checksummed. */
  contributor: Address
}

/**
 * A suffix array over the token ids of a corpus of rows (infini-gram / OLMoTrace style). Token ids are
 * stored by rank (their index in `vocabulary`, which keeps their order), each row followed by one separator
 * symbol, `vocabulary.length`, that no answer token maps to: a match can never cross a row boundary.
 *
 * Size: `text` 4 bytes per token, `suffixArray` 4 bytes per token, plus 4 bytes per row and 8 per distinct
 * token id.
 */
export type SpanIndex = {
  /** Rows' tokens as ranks, row r at `rowStarts[r] .. rowStarts[r + 1] − 2`, its separator at `rowStarts[r + 1] − 1`. */
  readonly text: Uint32Array
  /** Every position of `text`, ordered by the suffix starting there (a proper prefix first). */
  readonly suffixArray: Uint32Array
  /** Row start offsets into `text`, and `text.length` last: `rows.length + 1` entries. */
  readonly rowStarts: Uint32Array
  /** The distinct token ids of the corpus, ascending; a token's rank is its index here. */
  readonly vocabulary: Uint32Array
  /** How often each rank occurs in the corpus: unigram probability = `counts[rank] / tokenCount`. */
  readonly counts: Uint32Array
  /** Tokens in the corpus, separators not counted. */
  readonly tokenCount: number
  readonly rows: readonly SpanIndexRow[]
}

/** Where a span occurs: the row (an index into `SpanIndex.rows`) and the token offset inside it. */
export type SpanOccurrence = { row: number; offset: number }

/** A maximal span of an answer that occurs verbatim in the corpus. */
export type Span = {
  /** Token offset in the answer. */
  start: number
  /** In tokens. */
  length: number
  /** Occurrences in the corpus, all of them, including those beyond `occurrences`. */
  count: number
  /** −log₂ of the span's unigram probability ∏ p(token): its bits of evidence of copying. */
  information: number
  /** The geometric mean of its tokens' unigram probabilities, 2^(−information / length). */
  tokenProbability: number
  /**
   * Up to `maxOccurrences` occurrences, in corpus order; when capped, a deterministic sample (the first in
   * suffix-array order), not the first in the corpus, so listing stays O(maxOccurrences) for any count.
   */
  occurrences: SpanOccurrence[]
}

/** A row's share of the span evidence. */
export type RowSpanScore = {
  /** Index into `SpanIndex.rows`. */
  row: number
  rowId: string
  contributor: Address
  score: number
  /** score / total. */
  share: number
  /** Indices of the spans that occur in this row, ascending. */
  spans: number[]
}

/** A contributor's share of the span evidence: the sum over their rows. */
export type ContributorSpanScore = { contributor: Address; score: number; share: number }

/** What `scoreSpans` returns: scores ordered by score (descending), then row id or address. */
export type SpanScores =
  | { evidence: false }
  | { evidence: true; total: number; rows: RowSpanScore[]; contributors: ContributorSpanScore[] }
