/**
 * Splits `total` into integer parts proportional to `amounts` (Hamilton's largest-remainder method): each part
 * gets the floor of its exact quota, and the few units left go one each to the largest remainders. Ties go to
 * the earlier index, so the caller's order is the tie-break. The parts always sum to exactly `total`, a larger
 * amount never gets a smaller part, and an amount of 0 gets 0.
 *
 * @example
 * largestRemainder(10n, [1n, 1n, 1n]) // [4n, 3n, 3n]
 */
export function largestRemainder(total: bigint, amounts: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('largestRemainder: total must be ≥ 0')
  let sum = 0n
  for (const amount of amounts) {
    if (amount < 0n) throw new RangeError('largestRemainder: amounts must be ≥ 0')
    sum += amount
  }
  if (sum === 0n) {
    if (total === 0n) return amounts.map(() => 0n)
    throw new RangeError('largestRemainder: a positive total needs a positive amount')
  }
  const parts = amounts.map((amount) => (total * amount) / sum)
  const remainders = amounts.map((amount) => (total * amount) % sum)
  let left = total - parts.reduce((a, b) => a + b, 0n)
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of order) {
    if (left === 0n) break
    parts[index] = (parts[index] ?? 0n) + 1n
    left -= 1n
  }
  return parts
}
