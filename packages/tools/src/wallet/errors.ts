import type { Address } from 'viem'
import { CodedToolError, InvalidInputError, UnknownTokenError } from '../errors/toolErrors.js'

/** The codes of `WalletError`s: what a wallet tool result names so the model can explain the failure. */
export type WalletErrorCode = 'INVALID_INPUT' | 'UNKNOWN_TOKEN' | 'INSUFFICIENT_BALANCE'

/**
 * The base of the wallet SDK's own failures (a Safe balance too low); bad input and unknown tokens are
 * `WalletInputError` and `WalletUnknownTokenError`. Each carries a stable `code`.
 *
 * @example
 * if (error instanceof WalletError) console.error(error.code, error.shortMessage)
 */
export abstract class WalletError extends CodedToolError<WalletErrorCode> {}

/**
 * The wallet's `InvalidInputError`: a malformed address, a zero, negative or malformed amount.
 *
 * @example
 * if (error instanceof WalletInputError) console.error(error.field, error.shortMessage)
 */
export class WalletInputError extends InvalidInputError {
  override name = 'WalletInputError'
}

/**
 * The wallet's `UnknownTokenError`: neither a symbol the wallet knows nor the address of an ERC-20 contract.
 *
 * @example
 * if (error instanceof WalletUnknownTokenError) console.error(`no token ${error.token}`)
 */
export class WalletUnknownTokenError extends UnknownTokenError {
  override name = 'WalletUnknownTokenError'
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
