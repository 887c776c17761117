export { type BuildSpanIndexOptions, type BuildSpanIndexProgress, buildSpanIndex } from './buildSpanIndex.js'
export { buildSuffixArray } from './buildSuffixArray.js'
export { checkSpanIndex } from './checkSpanIndex.js'
export { SpanIndexFormatError, SpanIndexInputError, SpanOptionsError } from './errors.js'
export { type FindSpansOptions, findSpans } from './findSpans.js'
export { matchingStatistics } from './matchingStatistics.js'
export { readSpanIndex } from './readSpanIndex.js'
export { scoreSpans } from './scoreSpans.js'
export type {
  ContributorSpanScore,
  RowSpanScore,
  Span,
  SpanIndex,
  SpanIndexRow,
  SpanIndexRowInput,
  SpanOccurrence,
  SpanScores,
} from './types.js'
export { writeSpanIndex } from './writeSpanIndex.js'
