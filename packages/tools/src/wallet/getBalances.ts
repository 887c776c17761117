import type { ChainConnection } from '@openledger/chain'
import { type Address, erc20Abi, formatUnits, getAddress, isAddressEqual } from 'viem'
import { getTokenInfo, type WalletToken } from './getTokenInfo.js'
import { NATIVE_TOKEN } from './nativeToken.js'

export type GetBalancesParameters = {
  /** A Safe or any other account. */
  account: Address
  /** ERC-20 tokens to read besides the native token (listed once, first). */
  tokens: readonly Address[]
}

/** One balance: `balance` in base units, `formatted` in whole tokens. */
export type WalletBalance = WalletToken & { balance: bigint; formatted: string }

export type GetBalancesReturnType = { account: Address; balances: WalletBalance[] }

/**
 * The native balance and the ERC-20 balances of an account, each with the token's symbol and decimals. A token
 * address without an ERC-20 contract is a `WalletUnknownTokenError`.
 *
 * @example
 * const { balances } = await getBalances(connection, { account: safe, tokens: [manifest.contracts.OpenToken] })
 * // [{ symbol: 'ETH', balance: 0n, ... }, { symbol: 'OPEN', balance: 10n ** 21n, formatted: '1000', ... }]
 */
export async function getBalances(
  connection: ChainConnection,
  parameters: GetBalancesParameters,
): Promise<GetBalancesReturnType> {
  const account = getAddress(parameters.account)
  const erc20s = parameters.tokens.filter((t) => !isAddressEqual(t, NATIVE_TOKEN))
  const balances = await Promise.all(
    [NATIVE_TOKEN, ...erc20s].map(async (token): Promise<WalletBalance> => {
      const info = await getTokenInfo(connection, token)
      const balance = await balanceOf(connection, account, info.address)
      return { ...info, balance, formatted: formatUnits(balance, info.decimals) }
    }),
  )
  return { account, balances }
}

/** `account`'s balance of `token` (`NATIVE_TOKEN`: the native token), in base units. */
export async function balanceOf(
  connection: ChainConnection,
  account: Address,
  token: Address,
): Promise<bigint> {
  if (isAddressEqual(token, NATIVE_TOKEN)) return connection.publicClient.getBalance({ address: account })
  return connection.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
}
