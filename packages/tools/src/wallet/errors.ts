import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

/** The codes of `WalletError`s: what a wallet tool result names so the model can explain the failure. */
export type WalletErrorCode = 'INVALID_INPUT' | 'UNKNOWN_TOKEN' | 'INSUFFICIENT_BALANCE'

/**
 * The base of the wallet SDK's expected failures: each carries a stable `code` besides its `name`.
 *
 * @example
 * if (error instanceof WalletError) return { error: { code: error.code, message: error.shortMessage } }
 */
export abstract class WalletError extends BaseError {
  abstract readonly code: WalletErrorCode
}

/**
 * An input that is not acceptable: a malformed address, a zero, negative or malformed amount.
 *
 * @example
 * if (error instanceof WalletInputError) console.error(error.field, error.shortMessage)
 */
export class WalletInputError extends WalletError {
  override name = 'WalletInputError'
  readonly code = 'INVALID_INPUT'
  readonly field: string

  constructor(field: string, problem: string, cause?: unknown) {
    super(`${field}: ${problem}`, { cause })
    this.field = field
  }
}

/**
 * A token that is neither a symbol the wallet knows nor the address of an ERC-20 contract.
 *
 * @example
 * if (error instanceof WalletUnknownTokenError) console.error(`no token ${error.token}`)
 */
export class WalletUnknownTokenError extends WalletError {
  override name = 'WalletUnknownTokenError'
  readonly code = 'UNKNOWN_TOKEN'
  readonly token: string

  constructor(token: string, known: readonly string[], cause?: unknown) {
    super(`Unknown token '${token}': use one of ${known.join(', ')} or the address of an ERC-20 token.`, {
      cause,
    })
    this.token = token
  }
}

/**
 * The Safe holds less of the token than the transfer sends: nothing is sent and nothing is proposed.
 *
 * @example
 * if (error instanceof SafeBalanceTooLowError) console.error(error.balance, error.needed)
 */
export class SafeBalanceTooLowError extends WalletError {
  override name = 'SafeBalanceTooLowError'
  readonly code = 'INSUFFICIENT_BALANCE'
  readonly safe: Address
  /** The token; `NATIVE_TOKEN` (the zero address) for the native token. */
  readonly token: Address
  readonly balance: bigint
  readonly needed: bigint

  constructor(parameters: {
    safe: Address
    token: Address
    balance: bigint
    needed: bigint
    label: string
  }) {
    const { safe, token, balance, needed, label } = parameters
    super(`The Safe ${safe} holds ${balance} ${label}, less than the ${needed} to send.`)
    this.safe = safe
    this.token = token
    this.balance = balance
    this.needed = needed
  }
}
