import { SHARE_SCALE } from '@openledger/attribution'

/**
 * A fixed-point share (1e18 = all) as a percentage with 2 decimals, rounded half up.
 *
 * @example
 * formatShare(875_000_000_000_000_000n) // '87.50%'
 */
export function formatShare(share: bigint): string {
  const hundredths = (share * 10_000n + SHARE_SCALE / 2n) / SHARE_SCALE
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}%`
}
