import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { InvalidMethodScoresError, RowContributorConflictError } from './errors.js'
import { type AttributionMethod, attributionMethods, type MethodScores } from './types.js'

/** A Datanet row as fusion sees it, keyed by `datanetId:rowId`. */
export type CollectedRow = { key: string; datanetId: bigint; rowId: Hex; contributor: Address }

export type CollectMethodRowsReturnType = {
  rows: Map<string, CollectedRow>
  /** Per method, each row's score: the sum of that row's scores in the method, added smallest first. */
  scores: Map<AttributionMethod, Map<string, number>>
}

/**
 * Validates scorer outputs and merges them: entries of the same method are concatenated, a row scored twice by
 * one method has its scores added, and every row must have one contributor across all methods. Sums are taken
 * in sorted order so that any permutation of the input gives bit-identical floats.
 *
 * @example
 * const { rows, scores } = collectMethodRows([spanScores, retrievalScores])
 */
export function collectMethodRows(methods: readonly MethodScores[]): CollectMethodRowsReturnType {
  const rows = new Map<string, CollectedRow>()
  const raw = new Map<AttributionMethod, Map<string, number[]>>()
  for (const { method, rows: scored } of methods) {
    if (!attributionMethods.includes(method))
      throw new InvalidMethodScoresError(String(method), 'unknown method')
    const perRow = raw.get(method) ?? new Map<string, number[]>()
    raw.set(method, perRow)
    for (const [index, row] of scored.entries()) {
      const where = `row ${index}`
      if (typeof row.score !== 'number' || !Number.isFinite(row.score) || row.score < 0)
        throw new InvalidMethodScoresError(
          method,
          `${where} has score ${row.score}; scores are finite and ≥ 0`,
        )
      if (typeof row.datanetId !== 'bigint' || row.datanetId < 0n)
        throw new InvalidMethodScoresError(method, `${where} has datanet id ${row.datanetId}`)
      if (!isHex(row.rowId, { strict: true }) || row.rowId.length !== 66)
        throw new InvalidMethodScoresError(
          method,
          `${where} has row id ${row.rowId}; expected 32 bytes of hex`,
        )
      if (!isAddress(row.contributor, { strict: false }))
        throw new InvalidMethodScoresError(method, `${where} has contributor ${row.contributor}`)
      const rowId = row.rowId.toLowerCase() as Hex
      const key = `${row.datanetId}:${rowId}`
      const contributor = getAddress(row.contributor)
      const known = rows.get(key)
      if (known && known.contributor !== contributor)
        throw new RowContributorConflictError(row.datanetId, rowId, known.contributor, contributor)
      if (!known) rows.set(key, { key, datanetId: row.datanetId, rowId, contributor })
      const list = perRow.get(key) ?? []
      list.push(row.score)
      perRow.set(key, list)
    }
  }
  const scores = new Map<AttributionMethod, Map<string, number>>()
  for (const [method, perRow] of raw) {
    const summed = new Map<string, number>()
    for (const [key, list] of perRow) summed.set(key, sumAscending(list))
    scores.set(method, summed)
  }
  return { rows, scores }
}

function sumAscending(values: number[]): number {
  return [...values].sort((a, b) => a - b).reduce((a, b) => a + b, 0)
}
