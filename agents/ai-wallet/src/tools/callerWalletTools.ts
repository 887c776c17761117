import type { StructuredToolInterface } from '@langchain/core/tools'
import { type DynamicStructuredTool, tool } from '@langchain/core/tools'
import { getAllowance, resolveWalletToken, type ToolEnvironment, walletBalancesTool } from '@openledger/tools'
import { type Address, formatUnits } from 'viem'
import { z } from 'zod'

/** The ERC-20 tokens the wallet names by symbol: OPEN, and the devnet's USDC and WETH. */
export const walletTokensOf = (environment: ToolEnvironment): Address[] => [
  environment.manifest.contracts.OpenToken,
  environment.uniswap.usdc,
  environment.uniswap.weth,
]

const noSafe = (payer: Address) =>
  JSON.stringify({
    error: {
      code: 'NO_SAFE',
      message: `${payer} has no Safe for this agent to act on. Create a Safe and give this agent a spending limit on it first.`,
    },
  })

/**
 * The wallet's read-only tools bound to a caller: `wallet_balances` (from @openledger/tools) and
 * `wallet_allowance` (transfers are pending actions: `walletActionTools`), each acting on the Safe `environment.safeOf(payer)` names, looked up when the tool runs
 * (the package's `tools()` is synchronous). A caller without a Safe gets `{ error: { code: 'NO_SAFE' } }`.
 */
export function callerWalletTools(
  environment: ToolEnvironment,
  payer: Address,
): Record<string, StructuredToolInterface> {
  const tokens = walletTokensOf(environment)
  const withSafe =
    <Input>(build: (safe: Address) => StructuredToolInterface): ((input: Input) => Promise<string>) =>
    async (input) => {
      const safe = await environment.safeOf(payer)
      if (!safe) return noSafe(payer)
      // The inner tool's own function, not its invoke: the call is this tool's, and evidence records it once.
      const inner = build(safe) as DynamicStructuredTool
      return String(await inner.func(input as never, undefined, undefined))
    }

  const balances = walletBalancesTool({ connection: environment.connection, safe: payer, tokens })
  return {
    wallet_balances: tool(
      withSafe((safe) => walletBalancesTool({ connection: environment.connection, safe, tokens })),
      { name: balances.name, description: balances.description, schema: balances.schema as z.ZodObject },
    ),
    wallet_allowance: tool(
      async (input: { token?: string | undefined }) => {
        const safe = await environment.safeOf(payer)
        if (!safe) return noSafe(payer)
        try {
          const token = await resolveWalletToken(environment.connection, {
            token: input.token ?? 'OPEN',
            tokens,
          })
          const allowance = await getAllowance(environment.connection, {
            module: environment.spendingLimitModule,
            safe,
            delegate: environment.agentAccount.address,
            token: token.address,
          })
          const amount = (raw: bigint) => ({
            raw: raw.toString(),
            formatted: formatUnits(raw, token.decimals),
            symbol: token.symbol,
          })
          return JSON.stringify({
            safe,
            delegate: environment.agentAccount.address,
            amount: amount(allowance.amount),
            spent: amount(allowance.spent),
            remaining: amount(allowance.remaining),
            resetPeriod: allowance.resetPeriod,
            resetsAt: allowance.resetsAt === null ? null : new Date(allowance.resetsAt * 1000).toISOString(),
          })
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'CHAIN_ERROR'
          const message = (error as { shortMessage?: string }).shortMessage ?? String(error)
          return JSON.stringify({ error: { code, message } })
        }
      },
      {
        name: 'wallet_allowance',
        description:
          "The agent's spending limit on the caller's Safe for one token: the allowance per period, what is spent and left, and when it resets.",
        schema: z.object({ token: z.string().optional().describe("A symbol such as 'OPEN', or an address") }),
      },
    ),
  }
}
