import type { ChainConnection } from '@openledger/chain'
import { type Address, zeroAddress } from 'viem'
import { erc20Abi, uniswapV2FactoryAbi, uniswapV2PairAbi } from '../uniswap/abis.js'
import type { UniswapAddresses } from '../uniswap/types.js'
import { NoPoolError } from './errors.js'
import type { PoolToken } from './types.js'

export type GetPoolInfoParameters = { tokenA: Address; tokenB: Address }
export type GetPoolInfoReturnType = {
  pair: Address
  /** The pool's tokens in the order asked (not the pair's token0/token1 order), with their reserves. */
  tokenA: PoolToken
  tokenB: PoolToken
  /** Liquidity tokens in circulation (18 decimals), the 1,000 locked forever included. */
  totalSupply: bigint
  /** Unix seconds of the block that last changed the reserves. */
  blockTimestampLast: number
}

/**
 * A Uniswap v2 pool's reserves, token symbols and decimals and liquidity token supply. A pair that does not
 * exist or holds no liquidity is a `NoPoolError`.
 *
 * @example
 * const { tokenA, tokenB } = await getPoolInfo(connection, addresses, { tokenA: addresses.open, tokenB: addresses.usdc })
 * // tokenA.reserve === 1_000_000n * 10n ** 18n, tokenB.reserve === 500_000n * 10n ** 6n
 */
export async function getPoolInfo(
  connection: ChainConnection,
  addresses: Pick<UniswapAddresses, 'factory'>,
  parameters: GetPoolInfoParameters,
): Promise<GetPoolInfoReturnType> {
  const { tokenA, tokenB } = parameters
  const client = connection.publicClient
  const pair =
    tokenA === tokenB
      ? zeroAddress
      : await client.readContract({
          address: addresses.factory,
          abi: uniswapV2FactoryAbi,
          functionName: 'getPair',
          args: [tokenA, tokenB],
        })
  const [reserve0, reserve1, blockTimestampLast] =
    pair === zeroAddress
      ? [0n, 0n, 0]
      : await client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'getReserves' })
  if (reserve0 === 0n || reserve1 === 0n) throw new NoPoolError({ tokenA, tokenB })
  const [token0, totalSupply, a, b] = await Promise.all([
    client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'token0' }),
    client.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'totalSupply' }),
    tokenOf(connection, tokenA),
    tokenOf(connection, tokenB),
  ])
  const [reserveA, reserveB] = token0 === tokenA ? [reserve0, reserve1] : [reserve1, reserve0]
  return {
    pair,
    tokenA: { ...a, reserve: reserveA },
    tokenB: { ...b, reserve: reserveB },
    totalSupply,
    blockTimestampLast,
  }
}

async function tokenOf(connection: ChainConnection, address: Address) {
  const [symbol, decimals] = await Promise.all([
    connection.publicClient.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
    connection.publicClient.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
  ])
  return { address, symbol, decimals }
}
