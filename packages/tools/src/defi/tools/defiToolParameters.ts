import type { ChainConnection } from '@openledger/chain'
import { shortMessageOf } from '@openledger/errors'
import { type Account, formatUnits, parseUnits } from 'viem'
import type { z } from 'zod'
import type { UniswapAddresses } from '../../uniswap/types.js'
import { DefiError, type DefiErrorCode, InvalidInputError } from '../errors.js'
import type { Token } from '../types.js'

/** What every DeFi tool factory takes. */
export type DefiToolParameters = {
  connection: ChainConnection
  addresses: UniswapAddresses
  /** Signs swaps; without it the swap tool answers `NO_ACCOUNT`. */
  account?: Account
}

/** A token amount in a tool result: base units as a decimal string, and in whole tokens. */
export type ToolAmount = { raw: string; formatted: string; symbol: string }

/** A tool's failure, for the model to explain: never thrown, always returned as JSON. */
export type ToolError = { error: { code: DefiErrorCode | 'CHAIN_ERROR'; message: string } }

export const amountOf = (raw: bigint, token: Pick<Token, 'symbol' | 'decimals'>): ToolAmount => ({
  raw: raw.toString(),
  formatted: formatUnits(raw, token.decimals),
  symbol: token.symbol,
})

/** Runs a tool body; a `DefiError` or any other failure comes back as a `ToolError` JSON string. */
export async function toolResult(body: () => Promise<object>): Promise<string> {
  try {
    return JSON.stringify(await body())
  } catch (error) {
    return JSON.stringify(toToolError(error))
  }
}

export function toToolError(error: unknown): ToolError {
  if (error instanceof DefiError) return { error: { code: error.code, message: error.shortMessage } }
  return { error: { code: 'CHAIN_ERROR', message: shortMessageOf(error) } }
}

/** Validates a tool input with `schema`; the first issue becomes an `InvalidInputError` naming its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new InvalidInputError(issue?.path.join('.') || 'input', issue?.message ?? 'invalid')
}

/** A positive amount in whole tokens ('1.5', or a number) to base units of `token`. */
export function parseAmount(field: string, input: string | number, token: Token): bigint {
  const text = typeof input === 'number' ? String(input) : input.trim()
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new InvalidInputError(
      field,
      `must be a positive decimal number of ${token.symbol} like '1.5', got '${input}'`,
    )
  }
  const fraction = text.split('.')[1] ?? ''
  if (fraction.length > token.decimals) {
    throw new InvalidInputError(field, `${token.symbol} has ${token.decimals} decimals; '${input}' has more`)
  }
  const amount = parseUnits(text, token.decimals)
  if (amount === 0n) throw new InvalidInputError(field, `must be more than zero, got '${input}'`)
  return amount
}
