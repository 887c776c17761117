import type { StoreSession } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { actionsDb, type PendingAction, type PendingActionStatus, pendingActionOf } from './PendingAction.js'

/**
 * The payer's actions, newest first (at most `limit`, default 50), optionally only those in `status`; a
 * `pending` one past its expiry is listed as it is stored (confirming it is refused).
 *
 * @example
 * const waiting = await listPendingActions(store, { payer, status: 'pending' })
 */
export async function listPendingActions(
  store: StoreSession,
  parameters: { payer: Address; status?: PendingActionStatus | undefined; limit?: number | undefined },
): Promise<PendingAction[]> {
  let query = actionsDb(store)
    .selectFrom('pending_actions')
    .selectAll()
    .where('payer', '=', getAddress(parameters.payer))
  if (parameters.status) query = query.where('status', '=', parameters.status)
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(parameters.limit ?? 50)
    .execute()
  return rows.map(pendingActionOf)
}
