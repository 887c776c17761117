import type { ChainConnection, SafeInfrastructure } from '@openledger/chain'
import { shortMessageOf } from '@openledger/errors'
import type { Store } from '@openledger/store'
import { type Account, type Address, formatUnits, parseUnits } from 'viem'
import { WalletError, type WalletErrorCode, WalletInputError } from '../errors.js'
import type { WalletToken } from '../getTokenInfo.js'

/** What the wallet tool factories take: an agent (the delegate) spending from one user's Safe. */
export type WalletToolParameters = {
  connection: ChainConnection
  /** Where over-the-limit transfers are proposed for the owners. */
  store: Store
  infrastructure: SafeInfrastructure
  /** The deployed `SpendingLimitModule`, enabled on the Safe. */
  module: Address
  safe: Address
  /** The agent's key, a delegate of the Safe on the module. */
  delegate: Account
  /** ERC-20 tokens the agent may name by symbol (besides the native token). */
  tokens: readonly Address[]
}

/** A token amount in a tool result: base units as a decimal string, and in whole tokens. */
export type WalletToolAmount = { raw: string; formatted: string; symbol: string }

/** A wallet tool's failure, for the model to explain: never thrown, always returned as JSON. */
export type WalletToolError = { error: { code: WalletErrorCode | 'CHAIN_ERROR'; message: string } }

export const walletAmountOf = (
  raw: bigint,
  token: Pick<WalletToken, 'symbol' | 'decimals'>,
): WalletToolAmount => ({
  raw: raw.toString(),
  formatted: formatUnits(raw, token.decimals),
  symbol: token.symbol,
})

/** Runs a tool body; a `WalletError` or any other failure comes back as a `WalletToolError` JSON string. */
export async function walletToolResult(body: () => Promise<object>): Promise<string> {
  try {
    return JSON.stringify(await body())
  } catch (error) {
    const result: WalletToolError =
      error instanceof WalletError
        ? { error: { code: error.code, message: error.shortMessage } }
        : { error: { code: 'CHAIN_ERROR', message: shortMessageOf(error) } }
    return JSON.stringify(result)
  }
}

/** A positive amount in whole tokens ('5', '1.5', or a number) to base units of `token`. */
export function parseTokenAmount(field: string, input: string | number, token: WalletToken): bigint {
  const text = typeof input === 'number' ? String(input) : input.trim()
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new WalletInputError(
      field,
      `must be a positive decimal number of ${token.symbol} like '5' or '1.5', got '${input}'`,
    )
  }
  const fraction = text.split('.')[1] ?? ''
  if (fraction.length > token.decimals) {
    throw new WalletInputError(field, `${token.symbol} has ${token.decimals} decimals; '${input}' has more`)
  }
  const amount = parseUnits(text, token.decimals)
  if (amount === 0n) throw new WalletInputError(field, `must be more than zero, got '${input}'`)
  return amount
}
