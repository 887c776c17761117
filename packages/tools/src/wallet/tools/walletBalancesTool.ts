import { tool } from '@langchain/core/tools'
import { isAddress } from 'viem'
import { z } from 'zod'
import { toolAmount } from '../../internal/toolAmount.js'
import { toolResult } from '../../internal/toolResult.js'
import { WalletInputError } from '../errors.js'
import { getBalances } from '../getBalances.js'
import type { WalletToolParameters } from './walletToolParameters.js'

const schema = z.object({
  account: z
    .string()
    .optional()
    .describe("The address whose balances to read; default: the agent's Safe (the wallet it spends from)"),
})

/**
 * A LangChain tool, `wallet_balances`: the native and ERC-20 balances (with symbols) of the agent's Safe or of
 * another address, as a JSON string; a bad address comes back as `{ error: { code, message } }`.
 *
 * @example
 * const balances = walletBalancesTool({ connection, safe, tokens: [manifest.contracts.OpenToken] })
 * JSON.parse(await balances.invoke({})) // { account, balances: [{ symbol: 'ETH', ... }, { symbol: 'OPEN', ... }] }
 */
export function walletBalancesTool({
  connection,
  safe,
  tokens,
}: Pick<WalletToolParameters, 'connection' | 'safe' | 'tokens'>) {
  return tool(
    (input) =>
      toolResult(async () => {
        const account = input.account?.trim() || safe
        if (!isAddress(account, { strict: false })) {
          throw new WalletInputError('account', `must be a 0x-prefixed 20-byte address, got '${account}'`)
        }
        const result = await getBalances(connection, { account, tokens })
        return {
          account: result.account,
          balances: result.balances.map((b) => ({ token: b.address, ...toolAmount(b.balance, b) })),
        }
      }),
    {
      name: 'wallet_balances',
      description:
        "Reads the balances of the agent's wallet (a Safe): native token and ERC-20 tokens, with symbols. Pass an address to read another account's balances.",
      schema,
    },
  )
}
