import type { Address } from 'viem'
import type { CollectedRow } from './collectMethodRows.js'
import { compareHex } from './compareHex.js'
import { compareRows } from './compareRows.js'
import { largestRemainder } from './largestRemainder.js'
import { type AttributionMethod, attributionMethods, SHARE_SCALE } from './types.js'

/** A row's fused weight in fixed point (any positive scale), and each method's part of it. */
export type FusedRow = { row: CollectedRow; total: bigint; byMethod: Map<AttributionMethod, bigint> }

/**
 * Turns fused row weights into shares of exactly 1e18: first per contributor (largest remainder over the
 * contributors' summed weights, ties to the lower address), then each contributor's share over its rows
 * (largest remainder, ties in canonical row order). Zero shares are left out. A row's method is the one with
 * the largest part (ties: span, retrieval, influence).
 *
 * @example
 * const { contributions, contributors } = splitShares(fusedRows)
 */
export function splitShares(rows: readonly FusedRow[]): {
  contributions: {
    datanetId: bigint
    rowId: CollectedRow['rowId']
    contributor: Address
    weight: bigint
    method: AttributionMethod
  }[]
  contributors: { contributor: Address; share: bigint }[]
} {
  const byContributor = new Map<Address, FusedRow[]>()
  for (const entry of [...rows].sort((a, b) => compareRows(a.row, b.row))) {
    const list = byContributor.get(entry.row.contributor) ?? []
    list.push(entry)
    byContributor.set(entry.row.contributor, list)
  }
  const order = [...byContributor.keys()].sort(compareHex)
  const shares = largestRemainder(
    SHARE_SCALE,
    order.map((c) => byContributor.get(c)!.reduce((sum, e) => sum + e.total, 0n)),
  )
  const contributions = []
  const contributors = []
  for (const [index, contributor] of order.entries()) {
    const share = shares[index]!
    if (share === 0n) continue
    contributors.push({ contributor, share })
    const entries = byContributor.get(contributor)!
    const weights = largestRemainder(
      share,
      entries.map((e) => e.total),
    )
    for (const [i, { row, byMethod }] of entries.entries()) {
      const weight = weights[i]!
      if (weight === 0n) continue
      const { datanetId, rowId } = row
      contributions.push({ datanetId, rowId, contributor, weight, method: dominantMethod(byMethod) })
    }
  }
  contributions.sort(compareRows)
  contributors.sort((a, b) =>
    a.share === b.share ? compareHex(a.contributor, b.contributor) : a.share > b.share ? -1 : 1,
  )
  return { contributions, contributors }
}

function dominantMethod(byMethod: Map<AttributionMethod, bigint>): AttributionMethod {
  let best: AttributionMethod = 'span'
  let bestPart = -1n
  for (const method of attributionMethods) {
    const part = byMethod.get(method) ?? -1n
    if (part > bestPart) {
      best = method
      bestPart = part
    }
  }
  return best
}
