import { InvalidInputError } from '../../errors/toolErrors.js'
import { parseToolAmount } from '../../internal/parseToolAmount.js'
import type { Token } from '../types.js'

/**
 * A positive amount in whole tokens ('1.5', or a number) to base units of `token`; a bad one is an
 * `InvalidInputError`.
 *
 * @example
 * parseAmount('amountIn', '1.5', usdc) // 1_500_000n
 */
export function parseAmount(field: string, input: string | number, token: Token): bigint {
  return parseToolAmount(field, input, token, {
    examples: "'1.5'",
    invalid: (f, problem) => new InvalidInputError(f, problem),
  })
}
