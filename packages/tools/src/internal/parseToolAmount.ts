import { parseUnits } from 'viem'

export type ParseToolAmountOptions = {
  /** Examples of the input, for the message, e.g. `'5' or '1.5'`. */
  examples: string
  /** The typed error of the caller's family for a field and the problem with it. */
  invalid: (field: string, problem: string) => Error
}

/**
 * A positive amount in whole tokens ('1.5', or a number) from a tool's input to base units of `token`; a
 * malformed, zero or too precise amount throws `options.invalid(field, problem)`.
 *
 * @example
 * parseToolAmount('amount', '1.5', usdc, { examples: "'1.5'", invalid: (f, p) => new InvalidInputError(f, p) })
 */
export function parseToolAmount(
  field: string,
  input: string | number,
  token: { symbol: string; decimals: number },
  options: ParseToolAmountOptions,
): bigint {
  const text = typeof input === 'number' ? String(input) : input.trim()
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw options.invalid(
      field,
      `must be a positive decimal number of ${token.symbol} like ${options.examples}, got '${input}'`,
    )
  }
  const fraction = text.split('.')[1] ?? ''
  if (fraction.length > token.decimals) {
    throw options.invalid(field, `${token.symbol} has ${token.decimals} decimals; '${input}' has more`)
  }
  const amount = parseUnits(text, token.decimals)
  if (amount === 0n) throw options.invalid(field, `must be more than zero, got '${input}'`)
  return amount
}
