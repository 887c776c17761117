import type { Address, Hex } from 'viem'
import { type CollectedRow, collectMethodRows } from './collectMethodRows.js'
import { compareRows } from './compareRows.js'
import { resolveMethodWeights } from './resolveMethodWeights.js'
import { type FusedRow, splitShares } from './splitShares.js'
import { type AttributionMethod, attributionMethods, type MethodScores } from './types.js'

/** Floats are turned into integers at this scale before any rounding to shares. */
const FIXED = 2 ** 64

export type FuseOptions = {
  /** Keep only the rows with the largest fused weight (ties: canonical row order), then renormalise. */
  maxRows?: number | undefined
}

/** One row's share of the response, with the method that gave it most of its weight. */
export type FusedContribution = {
  datanetId: bigint
  rowId: Hex
  contributor: Address
  /** Fixed point, 1e18 = the whole response; the weights of all contributions sum to exactly 1e18. */
  weight: bigint
  method: AttributionMethod
}

export type FuseReturnType =
  | {
      evidence: true
      /** Rows in canonical order (datanet id, row id); zero weights are left out. */
      contributions: FusedContribution[]
      /** Largest share first (ties: lower address first); each is the sum of its rows' weights. */
      contributors: { contributor: Address; share: bigint }[]
      /** The weight each method had after methods without evidence dropped out; sums to 1. */
      methodWeights: Partial<Record<AttributionMethod, number>>
    }
  | { evidence: false; reason: string }

/**
 * Fuses the scores of several attribution methods into fixed-point shares of one response.
 *
 * Rule: each method's row scores are normalised to sum 1 within the method; methods with no positive score (or
 * weight 0) drop out and the others' weights are rescaled to sum 1; a row's fused weight is
 * Σ methodWeight × normalisedScore. Contributor shares are the largest-remainder split of exactly 1e18 by the
 * contributors' summed fused weights (ties: lower address first), so a contributor with more fused weight
 * never gets less; each contributor's share is then split over its rows the same way (ties: canonical row
 * order), so row weights also sum to exactly 1e18 and add up to the contributor shares. A row's `method` is
 * the method that gave it the most weight (ties: span, retrieval, influence). The output does not depend on
 * the order of the input. Without evidence the answer is `{ evidence: false, reason }`, never a forced split.
 *
 * @example
 * const fused = fuse([spanScores, retrievalScores], { span: 0.6, retrieval: 0.4 })
 * if (fused.evidence) receipt.contributions = fused.contributions
 */
export function fuse(
  methods: readonly MethodScores[],
  weights: Partial<Record<AttributionMethod, number>>,
  options: FuseOptions = {},
): FuseReturnType {
  const methodWeight = resolveMethodWeights(weights)
  const { rows, scores } = collectMethodRows(methods)

  const totals = methodTotals(rows, scores)
  if (totals.size === 0)
    return { evidence: false, reason: 'no attribution method found evidence for this response' }
  const active = attributionMethods.filter((m) => totals.has(m) && methodWeight[m] > 0)
  if (active.length === 0)
    return {
      evidence: false,
      reason: `only methods weighted 0 found evidence: ${[...totals.keys()].join(', ')}`,
    }

  const weightSum = active.reduce((sum, m) => sum + methodWeight[m], 0)
  const fused = new Map<string, FusedRow>()
  for (const method of active) {
    const share = methodWeight[method] / weightSum
    const total = totals.get(method)!
    for (const [key, score] of scores.get(method)!) {
      const part = BigInt(Math.round(share * (score / total) * FIXED))
      if (part === 0n) continue
      const entry = fused.get(key) ?? { row: rows.get(key)!, total: 0n, byMethod: new Map() }
      entry.total += part
      entry.byMethod.set(method, part)
      fused.set(key, entry)
    }
  }
  let kept = [...fused.values()].sort((a, b) => compareRows(a.row, b.row))
  if (options.maxRows !== undefined) {
    if (!Number.isInteger(options.maxRows) || options.maxRows < 1)
      throw new RangeError('fuse: maxRows must be ≥ 1')
    kept = [...kept]
      .sort((a, b) => (a.total === b.total ? compareRows(a.row, b.row) : a.total > b.total ? -1 : 1))
      .slice(0, options.maxRows)
      .sort((a, b) => compareRows(a.row, b.row))
  }
  if (kept.length === 0) return { evidence: false, reason: 'every score rounded to zero' }

  const { contributions, contributors } = splitShares(kept)
  const methodWeights = Object.fromEntries(active.map((m) => [m, methodWeight[m] / weightSum]))
  return { evidence: true, contributions, contributors, methodWeights }
}

function methodTotals(
  rows: Map<string, CollectedRow>,
  scores: Map<AttributionMethod, Map<string, number>>,
): Map<AttributionMethod, number> {
  const totals = new Map<AttributionMethod, number>()
  for (const method of attributionMethods) {
    const perRow = scores.get(method)
    if (!perRow) continue
    // Summed in canonical row order so that any permutation of the input gives the same float.
    const keys = [...perRow.keys()].sort((a, b) => compareRows(rows.get(a)!, rows.get(b)!))
    const total = keys.reduce((sum, key) => sum + perRow.get(key)!, 0)
    if (!Number.isFinite(total)) throw new RangeError(`fuse: ${method} scores overflow`)
    if (total > 0) totals.set(method, total)
  }
  return totals
}
