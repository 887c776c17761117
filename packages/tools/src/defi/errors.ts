import type { Address } from 'viem'
import { CodedToolError } from '../errors/toolErrors.js'

/** The codes of `DefiError`s: what an agent's tool result names so the model can explain the failure. */
export type DefiErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_TOKEN'
  | 'NO_POOL'
  | 'SLIPPAGE_EXCEEDED'
  | 'INSUFFICIENT_BALANCE'
  | 'NO_ACCOUNT'

/**
 * The base of the DeFi SDK's own failures (no pool, slippage, balance, account); bad input and unknown tokens
 * are the tools' shared `InvalidInputError` and `UnknownTokenError`. Each carries a stable `code`.
 *
 * @example
 * if (error instanceof DefiError) console.error(error.code, error.shortMessage)
 */
export abstract class DefiError extends CodedToolError<DefiErrorCode> {}

/**
 * No Uniswap v2 pool with liquidity trades these two tokens.
 *
 * @example
 * if (error instanceof NoPoolError) console.error(`no pool for ${error.tokenA}/${error.tokenB}`)
 */
export class NoPoolError extends DefiError {
  override name = 'NoPoolError'
  readonly code = 'NO_POOL'
  readonly tokenA: Address
  readonly tokenB: Address

  constructor(parameters: { tokenA: Address; tokenB: Address; label?: string; cause?: unknown }) {
    const { tokenA, tokenB, label = `${tokenA}/${tokenB}`, cause } = parameters
    super(`There is no Uniswap v2 pool with liquidity for ${label}.`, { cause })
    this.tokenA = tokenA
    this.tokenB = tokenB
  }
}

/**
 * The swap would pay less than the slippage bound allows: the pool moved since the quote, or moved while the
 * transaction was pending (the router's `INSUFFICIENT_OUTPUT_AMOUNT`).
 *
 * @example
 * if (error instanceof SlippageExceededError) console.error(`now ${error.quoted}, at least ${error.minimum}`)
 */
export class SlippageExceededError extends DefiError {
  override name = 'SlippageExceededError'
  readonly code = 'SLIPPAGE_EXCEEDED'
  /** The output the bound was computed from (the earlier quote). */
  readonly expected: bigint
  /** The least output the bound accepts. */
  readonly minimum: bigint
  /** The output the pool offers now; undefined when the router refused it on chain. */
  readonly quoted: bigint | undefined
  readonly slippageBps: number

  constructor(parameters: {
    expected: bigint
    minimum: bigint
    quoted?: bigint
    slippageBps: number
    cause?: unknown
  }) {
    const { expected, minimum, quoted, slippageBps, cause } = parameters
    super(
      quoted === undefined
        ? `The pool moved while the swap was pending: it would pay less than ${minimum} (${slippageBps} bps below the expected ${expected}).`
        : `The pool moved: the swap now pays ${quoted}, less than ${minimum} (${slippageBps} bps below the expected ${expected}).`,
      { cause, metaMessages: ['Quote again, then swap with the new quote or a wider slippage bound.'] },
    )
    this.expected = expected
    this.minimum = minimum
    this.quoted = quoted
    this.slippageBps = slippageBps
  }
}

/**
 * The account holds less of the token than the swap spends.
 *
 * @example
 * if (error instanceof InsufficientBalanceError) console.error(error.balance, error.needed)
 */
export class InsufficientBalanceError extends DefiError {
  override name = 'InsufficientBalanceError'
  readonly code = 'INSUFFICIENT_BALANCE'
  readonly account: Address
  readonly token: Address
  readonly balance: bigint
  readonly needed: bigint

  constructor(parameters: {
    account: Address
    token: Address
    balance: bigint
    needed: bigint
    label?: string
    cause?: unknown
  }) {
    const { account, token, balance, needed, label = `units of ${token}`, cause } = parameters
    super(`${account} holds ${balance} ${label}, less than the ${needed} needed.`, { cause })
    this.account = account
    this.token = token
    this.balance = balance
    this.needed = needed
  }
}

/**
 * A tool that sends transactions was created without an account to sign them.
 *
 * @example
 * const swap = uniswapSwapTool({ connection, addresses, account })
 */
export class NoAccountError extends DefiError {
  override name = 'NoAccountError'
  readonly code = 'NO_ACCOUNT'

  constructor() {
    super('This agent has no account to sign transactions with; it can read prices and quotes only.')
  }
}
