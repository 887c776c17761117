import type { StoreSession } from '@openledger/store'
import type { Address } from 'viem'
import { PendingActionNotFoundError, PendingActionNotYoursError } from './errors.js'
import { actionsDb, type PendingAction, pendingActionOf } from './PendingAction.js'

/**
 * The action `id` as `payer` may see it: `PendingActionNotFoundError` when there is none,
 * `PendingActionNotYoursError` when it was proposed to another account.
 *
 * @example
 * const action = await getPendingAction(store, { id: 'act_…', payer })
 */
export async function getPendingAction(
  store: StoreSession,
  { id, payer }: { id: string; payer: Address },
): Promise<PendingAction> {
  const row = await actionsDb(store)
    .selectFrom('pending_actions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new PendingActionNotFoundError(id)
  if (row.payer.toLowerCase() !== payer.toLowerCase()) throw new PendingActionNotYoursError(id)
  return pendingActionOf(row)
}
