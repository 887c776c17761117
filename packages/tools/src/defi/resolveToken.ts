import type { ChainConnection } from '@openledger/chain'
import { getAddress, isAddress } from 'viem'
import { InvalidInputError, UnknownTokenError } from '../errors/toolErrors.js'
import { readErc20Metadata } from '../internal/readErc20Metadata.js'
import type { UniswapAddresses } from '../uniswap/types.js'
import type { Token } from './types.js'

/** The symbols `resolveToken` knows without an address. */
export const knownTokenSymbols = ['OPEN', 'WETH', 'USDC'] as const

export type ResolveTokenParameters = {
  /** A known symbol (case-insensitive) or an ERC-20 address. */
  token: string
  /** Names the input in an `InvalidInputError`; default 'token'. */
  field?: string
}
export type ResolveTokenReturnType = Token

/**
 * Resolves a symbol (OPEN, WETH, USDC) or an address to the token's checksummed address, symbol and
 * decimals, read from the chain. A malformed address is an `InvalidInputError`; an unknown symbol, or an
 * address without an ERC-20 contract, an `UnknownTokenError`.
 *
 * @example
 * const usdc = await resolveToken(connection, addresses, { token: 'usdc' })
 * // { address: '0x…', symbol: 'USDC', decimals: 6 }
 */
export async function resolveToken(
  connection: ChainConnection,
  addresses: Pick<UniswapAddresses, 'open' | 'weth' | 'usdc'>,
  parameters: ResolveTokenParameters,
): Promise<ResolveTokenReturnType> {
  const { field = 'token' } = parameters
  const input = parameters.token.trim()
  const bySymbol = { OPEN: addresses.open, WETH: addresses.weth, USDC: addresses.usdc }
  const known = bySymbol[input.toUpperCase() as keyof typeof bySymbol]
  if (!known && /^0x/i.test(input) && !isAddress(input, { strict: false })) {
    throw new InvalidInputError(field, `'${input}' is not a valid address (0x and 40 hex digits)`)
  }
  if (!known && !isAddress(input, { strict: false })) throw new UnknownTokenError(input, knownTokenSymbols)
  const address = known ?? getAddress(input)
  try {
    return await readErc20Metadata(connection, address)
  } catch (error) {
    throw new UnknownTokenError(input, knownTokenSymbols, error)
  }
}
