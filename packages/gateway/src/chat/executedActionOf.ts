import type { Evidence } from '@openledger/agent-runtime'
import type { Hex } from 'viem'

/** The pending action an answer ran: its id, kind and transaction (or Safe proposal) hash. */
export type ExecutedAction = { id: string; kind: string; txHash: Hex | null }

/**
 * The action a run executed, from its tool calls: a tool that runs a confirmed action answers with
 * `executedAction: { id, kind, txHash }` (the AI wallet's `wallet_confirm`); `undefined` when none did.
 *
 * @example
 * const action = executedActionOf(run.evidence) // { id: 'act_…', kind: 'transfer', txHash: '0x…' }
 */
export function executedActionOf(evidence: Evidence): ExecutedAction | undefined {
  for (const call of evidence.toolCalls) {
    if (!call.output?.includes('"executedAction"')) continue
    try {
      const found = (JSON.parse(call.output) as { executedAction?: Partial<ExecutedAction> }).executedAction
      if (typeof found?.id === 'string' && typeof found.kind === 'string')
        return { id: found.id, kind: found.kind, txHash: (found.txHash as Hex | undefined) ?? null }
    } catch {
      // Not JSON: not an action's result.
    }
  }
  return undefined
}
