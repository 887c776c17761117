import { BaseError } from '@openledger/errors'

/**
 * The base of the tools' expected failures (`InvalidInputError`, `UnknownTokenError`, `DefiError`,
 * `WalletError`): each carries a stable `code` besides its `name`, which a tool result (`toolResult`) names so
 * the model can explain the failure.
 *
 * @example
 * if (error instanceof CodedToolError) return { error: { code: error.code, message: error.shortMessage } }
 */
export abstract class CodedToolError<code extends string = string> extends BaseError {
  abstract readonly code: code
}

/**
 * An input a tool or SDK call cannot accept: a negative, zero or malformed amount, a slippage bound outside
 * 0–10,000 basis points, a malformed address.
 *
 * @example
 * if (error instanceof InvalidInputError) console.error(error.field, error.shortMessage)
 */
export class InvalidInputError extends CodedToolError<'INVALID_INPUT'> {
  override name = 'InvalidInputError'
  readonly code = 'INVALID_INPUT' as const
  readonly field: string

  constructor(field: string, problem: string, cause?: unknown) {
    super(`${field}: ${problem}`, { cause })
    this.field = field
  }
}

/**
 * A token that is neither a known symbol nor the address of an ERC-20 contract.
 *
 * @example
 * if (error instanceof UnknownTokenError) console.error(`no token ${error.token}`)
 */
export class UnknownTokenError extends CodedToolError<'UNKNOWN_TOKEN'> {
  override name = 'UnknownTokenError'
  readonly code = 'UNKNOWN_TOKEN' as const
  readonly token: string

  constructor(token: string, known: readonly string[], cause?: unknown) {
    super(`Unknown token '${token}': use one of ${known.join(', ')} or the address of an ERC-20 token.`, {
      cause,
    })
    this.token = token
  }
}
