import type { ChainConnection } from '@openledger/chain'
import { type Address, getAddress, isAddressEqual } from 'viem'
import { readErc20Metadata } from '../internal/readErc20Metadata.js'
import { WalletUnknownTokenError } from './errors.js'
import { NATIVE_TOKEN } from './nativeToken.js'

/** A token the wallet holds: `address` is `NATIVE_TOKEN` for the chain's native token. */
export type WalletToken = { address: Address; symbol: string; decimals: number }

/**
 * The symbol and decimals of an ERC-20 token, or of the native token for `NATIVE_TOKEN`. An address without
 * an ERC-20 contract is a `WalletUnknownTokenError`.
 *
 * @example
 * const { symbol, decimals } = await getTokenInfo(connection, manifest.contracts.OpenToken) // OPEN, 18
 */
export async function getTokenInfo(connection: ChainConnection, token: Address): Promise<WalletToken> {
  const address = getAddress(token)
  if (isAddressEqual(address, NATIVE_TOKEN)) {
    const { symbol, decimals } = connection.chain.nativeCurrency
    return { address, symbol, decimals }
  }
  try {
    return await readErc20Metadata(connection, address)
  } catch (error) {
    throw new WalletUnknownTokenError(address, [connection.chain.nativeCurrency.symbol], error)
  }
}
