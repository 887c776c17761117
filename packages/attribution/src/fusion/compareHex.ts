import type { Hex } from 'viem'

/**
 * Compares two hex strings of the same byte length by value, case-insensitively: the canonical order of
 * addresses and hashes wherever a tie must break the same way on every machine.
 *
 * @example
 * addresses.sort(compareHex)
 */
export function compareHex(a: Hex, b: Hex): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
