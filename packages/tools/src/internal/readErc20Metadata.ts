import type { ChainConnection } from '@openledger/chain'
import { type Address, erc20Abi } from 'viem'

/**
 * An ERC-20 token's symbol and decimals, read from the chain; viem's error when `address` holds no ERC-20.
 *
 * @example
 * const { symbol, decimals } = await readErc20Metadata(connection, manifest.contracts.OpenToken) // OPEN, 18
 */
export async function readErc20Metadata(
  connection: ChainConnection,
  address: Address,
): Promise<{ address: Address; symbol: string; decimals: number }> {
  const [symbol, decimals] = await Promise.all([
    connection.publicClient.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
    connection.publicClient.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
  ])
  return { address, symbol, decimals }
}
