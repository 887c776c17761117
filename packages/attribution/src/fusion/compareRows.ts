import type { Hex } from 'viem'
import { compareHex } from './compareHex.js'

/**
 * The canonical order of Datanet rows: by datanet id, then by row id (numerically).
 *
 * @example
 * rows.sort(compareRows)
 */
export function compareRows(
  a: { datanetId: bigint; rowId: Hex },
  b: { datanetId: bigint; rowId: Hex },
): number {
  if (a.datanetId !== b.datanetId) return a.datanetId < b.datanetId ? -1 : 1
  return compareHex(a.rowId, b.rowId)
}
