/** OpenToken's decimals: amounts of OPEN are integers of wei, 10^18 to one OPEN (as ether's). */
export const OPEN_DECIMALS = 18

/**
 * Wei in one OPEN: the unit every amount of OPEN in the project is counted in (`bigint` wei, never `number`).
 *
 * @example
 * const fee = 3n * WEI_PER_OPEN // 3 OPEN
 * const whole = balance / WEI_PER_OPEN
 */
export const WEI_PER_OPEN = 10n ** BigInt(OPEN_DECIMALS)
