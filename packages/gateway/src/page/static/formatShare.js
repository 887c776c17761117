const WHOLE = 10n ** 18n

/**
 * Formats a 1e18 fixed-point share (a decimal string or bigint, as receipts carry row weights and contributor
 * shares) as a percentage with two decimals, rounded half up, in BigInt arithmetic.
 *
 * @example
 * formatShare('750000000000000000') // → '75.00%'
 * formatShare(1n) // → '0.00%'
 *
 * @param {string | bigint} share
 * @returns {string}
 */
export function formatShare(share) {
  const value = typeof share === 'bigint' ? share : BigInt(share.trim())
  const hundredths = (value * 10_000n + WHOLE / 2n) / WHOLE
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}%`
}
