import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { actionsDb, type PendingAction, pendingActionOf } from './PendingAction.js'

/**
 * Records how a claimed (`executing`) action ended: `done` with its transaction hash, or `failed`, with what
 * running it returned. An action not `executing` is left as it is.
 *
 * @example
 * await finishPendingAction(store, { id, status: 'done', txHash, outcome: JSON.stringify(result) })
 */
export async function finishPendingAction(
  store: StoreSession,
  parameters: { id: string; status: 'done' | 'failed'; txHash?: Hex | undefined; outcome: string },
): Promise<PendingAction | undefined> {
  const db = actionsDb(store)
  await db
    .updateTable('pending_actions')
    .set({
      status: parameters.status,
      tx_hash: parameters.txHash ?? null,
      outcome: parameters.outcome,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', parameters.id)
    .where('status', '=', 'executing')
    .execute()
  const row = await db
    .selectFrom('pending_actions')
    .selectAll()
    .where('id', '=', parameters.id)
    .executeTakeFirst()
  return row ? pendingActionOf(row) : undefined
}
