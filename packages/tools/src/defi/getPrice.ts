import type { ChainConnection } from '@openledger/chain'
import { type Address, formatUnits } from 'viem'
import type { UniswapAddresses } from '../uniswap/types.js'
import { getPoolInfo } from './getPoolInfo.js'
import type { Token } from './types.js'

/** Decimals of `GetPriceReturnType.price`. */
export const PRICE_DECIMALS = 18

export type GetPriceParameters = {
  /** The token priced. */
  base: Address
  /** The token the price is in. */
  quote: Address
}
export type GetPriceReturnType = {
  base: Token
  quote: Token
  /** Units of `quote` per whole `base`, scaled by 10^18 and rounded down: the pool's mid price, no fee. */
  price: bigint
  /** `price` as a decimal string, e.g. '0.5'. */
  formatted: string
  pair: Address
}

/**
 * The mid price of one whole `base` token in `quote` tokens, from the pool's reserves (what an infinitely
 * small trade would get before the 0.3% fee). No pool is a `NoPoolError`.
 *
 * @example
 * const { formatted } = await getPrice(connection, addresses, { base: addresses.open, quote: addresses.usdc })
 * // '0.5' on the seeded devnet pool
 */
export async function getPrice(
  connection: ChainConnection,
  addresses: Pick<UniswapAddresses, 'factory'>,
  parameters: GetPriceParameters,
): Promise<GetPriceReturnType> {
  const pool = await getPoolInfo(connection, addresses, { tokenA: parameters.base, tokenB: parameters.quote })
  const { tokenA: base, tokenB: quote } = pool
  // (reserveQuote / 10^quoteDecimals) / (reserveBase / 10^baseDecimals), kept in integers until the end.
  const price =
    (quote.reserve * 10n ** BigInt(base.decimals + PRICE_DECIMALS)) /
    (base.reserve * 10n ** BigInt(quote.decimals))
  return {
    base: { address: base.address, symbol: base.symbol, decimals: base.decimals },
    quote: { address: quote.address, symbol: quote.symbol, decimals: quote.decimals },
    price,
    formatted: formatUnits(price, PRICE_DECIMALS),
    pair: pool.pair,
  }
}
