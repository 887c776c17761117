import type { Address } from 'viem'
import type { ContributorSpanScore, RowSpanScore, Span, SpanIndex, SpanScores } from './types.js'

/**
 * Turns spans into row and contributor scores. Each span is worth its unigram self-information (bits: long
 * spans of rare tokens count most), split equally among the distinct rows it occurs in, so a span found in
 * one row credits that row fully and a span found in a hundred credits each a hundredth. When a span's
 * occurrences were capped (`count` above those listed), the listed rows share only the listed fraction of
 * its worth: the unlisted occurrences' part goes to no one rather than to an arbitrary sample. A row's score
 * sums its spans' parts; a contributor's sums their rows. With no span, `{ evidence: false }`.
 *
 * Rows and contributors come ordered by score (descending), then by row id or address, so the result does
 * not depend on the corpus's row order.
 *
 * @example
 * const scores = scoreSpans(index, findSpans(index, answer))
 * if (scores.evidence) scores.contributors[0] // { contributor: '0x…', score: 112.4, share: 0.83 }
 */
export function scoreSpans(index: SpanIndex, spans: readonly Span[]): SpanScores {
  const byRow = new Map<number, { score: number; spans: number[] }>()
  for (const [s, span] of spans.entries()) {
    if (span.occurrences.length === 0) continue
    const rows = new Set(span.occurrences.map((occurrence) => occurrence.row))
    const part = (span.information * (span.occurrences.length / span.count)) / rows.size
    for (const row of rows) {
      const entry = byRow.get(row) ?? { score: 0, spans: [] }
      entry.score += part
      entry.spans.push(s)
      byRow.set(row, entry)
    }
  }
  let total = 0
  for (const { score } of byRow.values()) total += score
  if (byRow.size === 0 || !(total > 0)) return { evidence: false }

  const rows: RowSpanScore[] = [...byRow].map(([row, { score, spans: rowSpans }]) => {
    const { rowId, contributor } = index.rows[row]!
    return { row, rowId, contributor, score, share: score / total, spans: rowSpans }
  })
  rows.sort((a, b) => b.score - a.score || compare(a.rowId, b.rowId))

  const byContributor = new Map<Address, number>()
  for (const row of rows)
    byContributor.set(row.contributor, (byContributor.get(row.contributor) ?? 0) + row.score)
  const contributors: ContributorSpanScore[] = [...byContributor].map(([contributor, score]) => ({
    contributor,
    score,
    share: score / total,
  }))
  contributors.sort((a, b) => b.score - a.score || compare(a.contributor, b.contributor))
  return { evidence: true, total, rows, contributors }
}

/** Code-unit order, the same on every machine (unlike localeCompare). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
