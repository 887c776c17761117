import { parseToolAmount } from '../../internal/parseToolAmount.js'
import { WalletInputError } from '../errors.js'
import type { WalletToken } from '../getTokenInfo.js'

/**
 * A positive amount in whole tokens ('5', '1.5', or a number) to base units of `token`; a bad one is a
 * `WalletInputError`.
 *
 * @example
 * parseTokenAmount('amount', '5', open) // 5_000_000_000_000_000_000n
 */
export function parseTokenAmount(field: string, input: string | number, token: WalletToken): bigint {
  return parseToolAmount(field, input, token, {
    examples: "'5' or '1.5'",
    invalid: (f, problem) => new WalletInputError(f, problem),
  })
}
