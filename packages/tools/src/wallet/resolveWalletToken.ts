import type { ChainConnection } from '@openledger/chain'
import { type Address, isAddress } from 'viem'
import { WalletUnknownTokenError } from './errors.js'
import { getTokenInfo, type WalletToken } from './getTokenInfo.js'
import { NATIVE_TOKEN } from './nativeToken.js'

export type ResolveWalletTokenParameters = {
  /** A symbol ('OPEN', 'eth'; any case) or a token address. */
  token: string
  /** The ERC-20 tokens the wallet knows by symbol; the native token is always known. */
  tokens: readonly Address[]
}

/**
 * A token named by an agent, by symbol among the wallet's tokens and the native token, or by address. Anything
 * else is a `WalletUnknownTokenError` listing the known symbols.
 *
 * @example
 * const open = await resolveWalletToken(connection, { token: 'OPEN', tokens: [manifest.contracts.OpenToken] })
 */
export async function resolveWalletToken(
  connection: ChainConnection,
  parameters: ResolveWalletTokenParameters,
): Promise<WalletToken> {
  const text = parameters.token.trim()
  if (isAddress(text, { strict: false })) return getTokenInfo(connection, text)
  const known = await Promise.all(
    [NATIVE_TOKEN, ...parameters.tokens].map((t) => getTokenInfo(connection, t)),
  )
  const found = known.find((t) => t.symbol.toLowerCase() === text.toLowerCase())
  if (!found)
    throw new WalletUnknownTokenError(
      text,
      known.map((t) => t.symbol),
    )
  return found
}
