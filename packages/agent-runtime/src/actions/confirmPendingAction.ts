import type { StoreSession } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { finishPendingAction } from './finishPendingAction.js'
import type { PendingAction } from './PendingAction.js'
import { transitionPendingAction } from './transitionPendingAction.js'

/** What running an action did: whether it succeeded, its transaction, and its result to record. */
export type PendingActionRun<Result> = { ok: boolean; txHash?: Hex | undefined; result: Result }

/**
 * Confirms the payer's pending action and runs it exactly once: the compare-and-set claim
 * (`pending` → `executing`) lets one of any number of concurrent confirms through, `run` does the work, and
 * the action ends `done` (with the transaction hash) or `failed`. A confirm of an action that is not theirs,
 * expired, already run or cancelled throws why, and runs nothing. A `run` that throws leaves it `failed`.
 *
 * @example
 * const { action, result } = await confirmPendingAction(store, {
 *   id, payer, run: async (action) => ({ ok: true, txHash, result: { sent: action.params.amount } }),
 * })
 */
export async function confirmPendingAction<Result>(
  store: StoreSession,
  parameters: {
    id: string
    payer: Address
    run: (action: PendingAction) => Promise<PendingActionRun<Result>>
    now?: Date | undefined
  },
): Promise<{ action: PendingAction; result: Result }> {
  const claimed = await transitionPendingAction(store, { ...parameters, to: 'executing' })
  let ran: PendingActionRun<Result>
  try {
    ran = await parameters.run(claimed)
  } catch (error) {
    await finishPendingAction(store, { id: claimed.id, status: 'failed', outcome: String(error) })
    throw error
  }
  const action = await finishPendingAction(store, {
    id: claimed.id,
    status: ran.ok ? 'done' : 'failed',
    txHash: ran.txHash,
    outcome: JSON.stringify(ran.result),
  })
  return { action: action ?? claimed, result: ran.result }
}
