const WEI_PER_OPEN = 10n ** 18n

/**
 * Formats an amount of wei (a decimal string or a bigint) as OPEN, exactly: BigInt arithmetic, no floats,
 * trailing zeros of the fraction dropped, thousands grouped. Throws a `SyntaxError` on a string that is not
 * an integer.
 *
 * @example
 * formatOpen('1500000000000000') // → '0.0015'
 * formatOpen(12345n * 10n ** 18n) // → '12,345'
 *
 * @param {string | bigint} wei
 * @returns {string}
 */
export function formatOpen(wei) {
  const amount = typeof wei === 'bigint' ? wei : BigInt(wei.trim())
  const negative = amount < 0n
  const magnitude = negative ? -amount : amount
  const whole = (magnitude / WEI_PER_OPEN).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = (magnitude % WEI_PER_OPEN).toString().padStart(18, '0').replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}
