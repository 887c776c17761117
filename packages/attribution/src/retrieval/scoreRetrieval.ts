import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { compareRows } from '../fusion/compareRows.js'
import { RowContributorConflictError } from '../fusion/errors.js'
import type { MethodScores, ScoredRow } from '../fusion/types.js'
import { InvalidRetrievalEvidenceError, InvalidRetrievalOptionsError } from './errors.js'

/** One row a retriever returned during a run. */
export type RetrievalEvidence = {
  datanetId: bigint
  rowId: Hex
  contributor: Address
  /** Cosine similarity of the row to the query, in [-1, 1]. */
  similarity: number
  /** 0-based position in the retriever's result list. */
  rank: number
  /** Whether the row's text reached the model's prompt (rather than being retrieved and dropped). */
  inPrompt: boolean
}

export type ScoreRetrievalOptions = {
  /** Rows with a similarity below this score 0. Default 0. */
  similarityFloor?: number | undefined
  /** Exponent p of the similarity: larger favours the closest rows more. Default 2. */
  power?: number | undefined
  /** What a row retrieved but left out of the prompt counts, relative to one in the prompt. Default 0.1. */
  unusedFraction?: number | undefined
  /** Score × 1 / (1 + rankDecay × rank); 0 (the default) ignores rank, since similarity already orders. */
  rankDecay?: number | undefined
}

/** Cosine values a little outside [-1, 1] are float error and are clamped; more is a caller's mistake. */
const SIMILARITY_SLACK = 1e-6

/**
 * Scores the rows a run retrieved: `score = usage × max(0, similarity)^power / (1 + rankDecay × rank)` when
 * `similarity ≥ similarityFloor`, else 0, where usage is 1 for a row whose text reached the prompt and
 * `unusedFraction` for one that did not. A power law rather than a softmax: a row's score does not depend on
 * what else was retrieved, is 0 for unrelated rows, and grows with similarity. A row retrieved more than once
 * (several queries) counts once, with its best score. Rows scoring 0 are left out; rows come back in canonical
 * order (datanet id, row id), so the output does not depend on the order of the evidence.
 *
 * @example
 * const retrieval = scoreRetrieval(evidence, { unusedFraction: 0 })
 * const fused = fuse([retrieval, spans], agent.attributionWeights)
 */
export function scoreRetrieval(
  evidence: readonly RetrievalEvidence[],
  options: ScoreRetrievalOptions = {},
): MethodScores {
  const floor = option(
    'similarityFloor',
    options.similarityFloor,
    0,
    (v) => v >= -1 && v <= 1,
    'a number in [-1, 1]',
  )
  const power = option('power', options.power, 2, (v) => v > 0, 'a finite number > 0')
  const unused = option(
    'unusedFraction',
    options.unusedFraction,
    0.1,
    (v) => v >= 0 && v <= 1,
    'a number in [0, 1]',
  )
  const rankDecay = option('rankDecay', options.rankDecay, 0, (v) => v >= 0, 'a finite number ≥ 0')

  const best = new Map<string, ScoredRow>()
  for (const [index, item] of evidence.entries()) {
    const { datanetId, rowId, similarity, rank } = item
    if (typeof datanetId !== 'bigint' || datanetId < 0n)
      throw new InvalidRetrievalEvidenceError(index, `datanet id ${datanetId}`)
    if (!isHex(rowId, { strict: true }) || rowId.length !== 66)
      throw new InvalidRetrievalEvidenceError(index, `row id ${rowId} is not 32 bytes of hex`)
    if (!isAddress(item.contributor, { strict: false }))
      throw new InvalidRetrievalEvidenceError(index, `contributor ${item.contributor} is not an address`)
    if (!Number.isFinite(similarity) || Math.abs(similarity) > 1 + SIMILARITY_SLACK)
      throw new InvalidRetrievalEvidenceError(index, `similarity ${similarity} is not a cosine in [-1, 1]`)
    if (!Number.isInteger(rank) || rank < 0)
      throw new InvalidRetrievalEvidenceError(index, `rank ${rank} is not an integer ≥ 0`)

    const sim = Math.min(1, Math.max(-1, similarity))
    const usage = item.inPrompt ? 1 : unused
    const score = sim < floor || sim <= 0 ? 0 : (usage * sim ** power) / (1 + rankDecay * rank)
    const key = `${datanetId}:${rowId.toLowerCase()}`
    const contributor = getAddress(item.contributor)
    const known = best.get(key)
    if (known && known.contributor !== contributor)
      throw new RowContributorConflictError(datanetId, rowId, known.contributor, contributor)
    if (!known || score > known.score)
      best.set(key, { datanetId, rowId: rowId.toLowerCase() as Hex, contributor, score })
  }
  const rows = [...best.values()].filter((row) => row.score > 0).sort(compareRows)
  return { method: 'retrieval', rows }
}

function option(
  name: string,
  value: number | undefined,
  fallback: number,
  valid: (v: number) => boolean,
  expected: string,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value))
    throw new InvalidRetrievalOptionsError(name, value, expected)
  return value
}
