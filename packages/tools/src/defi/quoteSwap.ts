import type { ChainConnection } from '@openledger/chain'
import type { Address } from 'viem'
import { InvalidInputError } from '../errors/toolErrors.js'
import { uniswapV2RouterAbi } from '../uniswap/abis.js'
import type { UniswapAddresses } from '../uniswap/types.js'
import { getPoolInfo } from './getPoolInfo.js'
import type { PoolToken } from './types.js'

export type QuoteSwapParameters = { tokenIn: Address; tokenOut: Address; amountIn: bigint }
export type QuoteSwapReturnType = {
  tokenIn: PoolToken
  tokenOut: PoolToken
  amountIn: bigint
  /** What the swap pays now, the 0.3% fee and the price impact taken: the router's `getAmountsOut`. */
  amountOut: bigint
  /** What `amountIn` would buy at the mid price, with neither fee nor price impact. */
  midAmountOut: bigint
  /** How much less than `midAmountOut` the swap pays, in basis points (fee included; rounded up). */
  priceImpactBps: number
  pair: Address
}

/**
 * Quotes an exact-in swap through the pool of `tokenIn` and `tokenOut`, as the router computes it
 * (`getAmountsOut`: x·y = k with 997/1000 of the input). No pool is a `NoPoolError`; an amount of zero or
 * less an `InvalidInputError`.
 *
 * @example
 * const { amountOut } = await quoteSwap(connection, addresses, {
 *   tokenIn: addresses.usdc,
 *   tokenOut: addresses.open,
 *   amountIn: 100_000_000n, // 100 USDC
 * })
 */
export async function quoteSwap(
  connection: ChainConnection,
  addresses: Pick<UniswapAddresses, 'factory' | 'router'>,
  parameters: QuoteSwapParameters,
): Promise<QuoteSwapReturnType> {
  const { tokenIn, tokenOut, amountIn } = parameters
  if (amountIn <= 0n) throw new InvalidInputError('amountIn', `must be more than zero, got ${amountIn}`)
  const pool = await getPoolInfo(connection, addresses, { tokenA: tokenIn, tokenB: tokenOut })
  const amounts = await connection.publicClient.readContract({
    address: addresses.router,
    abi: uniswapV2RouterAbi,
    functionName: 'getAmountsOut',
    args: [amountIn, [tokenIn, tokenOut]],
  })
  const amountOut = amounts[1] ?? 0n
  const midAmountOut = (amountIn * pool.tokenB.reserve) / pool.tokenA.reserve
  const shortfall = midAmountOut - amountOut
  const priceImpactBps =
    midAmountOut === 0n ? 10_000 : Number((shortfall * 10_000n + midAmountOut - 1n) / midAmountOut)
  return {
    tokenIn: pool.tokenA,
    tokenOut: pool.tokenB,
    amountIn,
    amountOut,
    midAmountOut,
    priceImpactBps,
    pair: pool.pair,
  }
}
