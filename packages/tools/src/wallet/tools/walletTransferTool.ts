import { tool } from '@langchain/core/tools'
import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { toolAmount } from '../../internal/toolAmount.js'
import { toolResult } from '../../internal/toolResult.js'
import { agentTransfer } from '../agentTransfer.js'
import { WalletInputError } from '../errors.js'
import { resolveWalletToken } from '../resolveWalletToken.js'
import { parseTokenAmount } from './parseTokenAmount.js'
import type { WalletToolParameters } from './walletToolParameters.js'

const schema = z.object({
  token: z.string().describe("The token to send: a symbol such as 'OPEN' or 'ETH', or an ERC-20 address"),
  to: z.string().describe('The recipient, a 0x-prefixed address'),
  amount: z.union([z.string(), z.number()]).describe("How much to send, in whole tokens, e.g. '5' or '1.5'"),
})

/**
 * A LangChain tool, `wallet_transfer`: sends tokens from the agent's Safe. Within the agent's spending limit
 * it answers `{ status: 'sent', txHash, ... }`; above it nothing moves and it answers `{ status:
 * 'needs_owner_signature', safeTxHash, remaining, requested, message }` with a proposal awaiting the owners;
 * bad input or a failure is `{ error: { code, message } }`. Always a JSON string, never a throw.
 *
 * @example
 * const transfer = walletTransferTool({ connection, store, infrastructure, module, safe, delegate, tokens })
 * JSON.parse(await transfer.invoke({ token: 'OPEN', to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: '5' }))
 */
export function walletTransferTool(parameters: WalletToolParameters) {
  const { connection, store, infrastructure, module, safe, delegate, tokens } = parameters
  return tool(
    (input) =>
      toolResult(async () => {
        const to = input.to.trim()
        if (!isAddress(to, { strict: false })) {
          throw new WalletInputError('to', `must be a 0x-prefixed 20-byte address, got '${input.to}'`)
        }
        const token = await resolveWalletToken(connection, { token: input.token, tokens })
        const amount = parseTokenAmount('amount', input.amount, token)
        const result = await agentTransfer(connection, store, {
          infrastructure,
          module,
          delegate,
          safe,
          token: token.address,
          to: getAddress(to),
          amount,
        })
        const sent = toolAmount(amount, token)
        if (result.status === 'sent') {
          return {
            status: 'sent',
            txHash: result.txHash,
            from: safe,
            to: getAddress(to),
            amount: sent,
            remaining: toolAmount(result.remaining, token),
          }
        }
        const remaining = toolAmount(result.remaining, token)
        const resetsAt = result.resetsAt === null ? null : new Date(result.resetsAt * 1000).toISOString()
        return {
          status: 'needs_owner_signature',
          safeTxHash: result.safeTxHash,
          remaining,
          requested: sent,
          resetsAt,
          message:
            `Sending ${sent.formatted} ${sent.symbol} is above the agent's spending limit ` +
            `(${remaining.formatted} ${remaining.symbol} left${resetsAt ? ` until ${resetsAt}` : ''}). ` +
            `Nothing was sent: Safe transaction ${result.safeTxHash} awaits the owner's signature.`,
        }
      }),
    {
      name: 'wallet_transfer',
      description:
        "Sends tokens from the agent's wallet (a Safe) to an address. Within the agent's spending limit it is sent at once; above it the transfer is proposed to the wallet's owner, who must sign it, and nothing moves until then.",
      schema,
    },
  )
}
