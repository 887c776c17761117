import type { StructuredToolInterface } from '@langchain/core/tools'
import { tool } from '@langchain/core/tools'
import {
  cancelPendingAction,
  confirmPendingAction,
  createPendingAction,
  type PendingAction,
  type PendingActionRun,
} from '@openledger/agent-runtime'
import type { Store } from '@openledger/store'
import { agentTransfer, getAllowance, resolveWalletToken, type ToolEnvironment } from '@openledger/tools'
import { type Address, formatUnits, getAddress, type Hex, parseUnits } from 'viem'
import { z } from 'zod'
import { walletTokensOf } from './callerWalletTools.js'

/** The agent id its pending actions are recorded under (the gateway runs a confirm through this agent). */
export const WALLET_AGENT_ID = 'ai-wallet'

type Amount = { raw: string; formatted: string; symbol: string }
const amountOf = (raw: bigint, decimals: number, symbol: string): Amount => ({
  raw: raw.toString(),
  formatted: formatUnits(raw, decimals),
  symbol,
})

/** A refusal the tool answers with as `{ error: { code, message } }`, never a throw. */
class ActionToolRefusal extends Error {
  override name = 'ActionToolRefusal'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const answer = async (body: () => Promise<object>): Promise<string> => {
  try {
    return JSON.stringify(await body())
  } catch (error) {
    const named = error as { name?: string; code?: string; shortMessage?: string; message?: string }
    const code = error instanceof ActionToolRefusal ? error.code : (named.code ?? named.name ?? 'CHAIN_ERROR')
    return JSON.stringify({ error: { code, message: named.shortMessage ?? named.message ?? String(error) } })
  }
}

/**
 * The wallet's value-moving tools bound to a caller: `wallet_propose_transfer` stores a pending transfer (what,
 * how much, to whom, which limit applies) and moves nothing; `wallet_confirm` runs the caller's pending action
 * exactly once through `agentTransfer` (within the allowance at once, above it as an unsigned Safe proposal)
 * and answers with what moved and the transaction hash, plus `executedAction` for the receipt;
 * `wallet_cancel` cancels one. Recipients may not be the Safe, the spending limit module or a token.
 */
export function walletActionTools(
  environment: ToolEnvironment,
  payer: Address,
): Record<string, StructuredToolInterface> {
  const tokens = walletTokensOf(environment)
  const store = environment.store
  const safeOfPayer = async () => {
    const safe = await environment.safeOf(payer)
    if (!safe)
      throw new ActionToolRefusal(
        'NO_SAFE',
        `${payer} has no Safe for this agent to act on. Create a Safe and give this agent a spending limit on it first.`,
      )
    return safe
  }

  const propose = tool(
    (input: { token: string; to: string; amount: string }) =>
      answer(async () => {
        const safe = await safeOfPayer()
        const token = await resolveWalletToken(environment.connection, { token: input.token, tokens })
        const to = getAddress(input.to)
        const forbidden: Record<string, string> = {
          [safe.toLowerCase()]: 'your Safe itself',
          [environment.spendingLimitModule.toLowerCase()]: 'the spending limit module',
          ...Object.fromEntries(tokens.map((t) => [t.toLowerCase(), 'a token contract'])),
        }
        const refused = forbidden[to.toLowerCase()]
        if (refused)
          throw new ActionToolRefusal(
            'RECIPIENT_REFUSED',
            `${to} is ${refused}: tokens sent there are lost or do nothing. Nothing was proposed.`,
          )
        const fraction = input.amount.split('.')[1] ?? ''
        const amount = parseUnits(input.amount, token.decimals)
        if (fraction.length > token.decimals || amount <= 0n)
          throw new ActionToolRefusal(
            'AMOUNT_REFUSED',
            `${input.amount} ${token.symbol} is not a positive amount in ${token.decimals} decimals. Nothing was proposed.`,
          )
        const allowance = await getAllowance(environment.connection, {
          module: environment.spendingLimitModule,
          safe,
          delegate: environment.agentAccount.address,
          token: token.address,
        })
        const within = amount <= allowance.remaining
        const left = amountOf(allowance.remaining, token.decimals, token.symbol)
        const limit = within
          ? `within my spending limit (${left.formatted} ${left.symbol} left): confirming sends it at once`
          : `above my spending limit (${left.formatted} ${left.symbol} left): confirming proposes a Safe transaction for your owners to sign`
        const sent = amountOf(amount, token.decimals, token.symbol)
        const summary = `Send ${sent.formatted} ${sent.symbol} from your Safe ${safe} to ${to}, ${limit}.`
        const action = await createPendingAction(store, {
          agentId: WALLET_AGENT_ID,
          payer,
          kind: 'transfer',
          summary,
          params: {
            safe,
            token: token.address,
            symbol: token.symbol,
            decimals: String(token.decimals),
            to,
            amount: amount.toString(),
          },
        })
        return {
          status: 'pending',
          action: { id: action.id, kind: action.kind, expiresAt: action.expiresAt, summary },
          from: safe,
          to,
          amount: sent,
          limit: within ? 'allowance' : 'owners',
          remaining: left,
        }
      }),
    {
      name: 'wallet_propose_transfer',
      description:
        "Proposes a transfer from the caller's Safe as a pending action the caller must confirm; moves nothing.",
      schema: z.object({ token: z.string(), to: z.string(), amount: z.string() }),
    },
  )

  const confirm = tool(
    (input: { id: string }) =>
      answer(async () => {
        const { action, result } = await confirmPendingAction(store, {
          id: input.id,
          payer,
          run: (claimed) => runTransfer(environment, claimed),
        })
        return { ...result, executedAction: { id: action.id, kind: action.kind, txHash: action.txHash } }
      }),
    {
      name: 'wallet_confirm',
      description: "Runs the caller's pending action once, by its id.",
      schema: z.object({ id: z.string() }),
    },
  )

  const cancel = tool(
    (input: { id: string }) =>
      answer(async () => {
        const action = await cancelPendingAction(store, { id: input.id, payer })
        return { status: 'cancelled', action: { id: action.id, kind: action.kind, summary: action.summary } }
      }),
    {
      name: 'wallet_cancel',
      description: "Cancels the caller's pending action, by its id.",
      schema: z.object({ id: z.string() }),
    },
  )
  return { wallet_propose_transfer: propose, wallet_confirm: confirm, wallet_cancel: cancel }
}

/** A claimed transfer, run through `agentTransfer` from the Safe it was proposed on. */
async function runTransfer(
  environment: ToolEnvironment,
  action: PendingAction,
): Promise<PendingActionRun<object>> {
  const { safe, token, to, amount, symbol, decimals } = action.params as Record<string, string>
  if (action.kind !== 'transfer' || !safe || !token || !to || !amount || !symbol || !decimals)
    throw new ActionToolRefusal('ACTION_UNKNOWN', `Action ${action.id} is not a transfer this wallet runs.`)
  const result = await agentTransfer(environment.connection, environment.store as Store, {
    infrastructure: environment.manifest.safe,
    module: environment.spendingLimitModule,
    delegate: environment.agentAccount,
    safe: safe as Address,
    token: token as Address,
    to: to as Address,
    amount: BigInt(amount),
  })
  const show = (raw: bigint) => amountOf(raw, Number(decimals), symbol)
  if (result.status === 'sent')
    return {
      ok: true,
      txHash: result.txHash,
      result: {
        status: 'sent',
        txHash: result.txHash,
        from: safe,
        to,
        amount: show(result.amount),
        remaining: show(result.remaining),
      },
    }
  return {
    ok: true,
    txHash: result.safeTxHash as Hex,
    result: {
      status: 'needs_owner_signature',
      safeTxHash: result.safeTxHash,
      requested: show(result.requested),
      remaining: show(result.remaining),
      resetsAt: result.resetsAt === null ? null : new Date(result.resetsAt * 1000).toISOString(),
    },
  }
}
