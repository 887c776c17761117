import type { StoreSession } from '@openledger/store'
import type { Address } from 'viem'
import { PendingActionExpiredError, PendingActionNotPendingError } from './errors.js'
import { getPendingAction } from './getPendingAction.js'
import { actionsDb, type PendingAction } from './PendingAction.js'

/**
 * Moves the payer's pending, unexpired action `id` to `to` (`executing` to run it, `cancelled`) in one
 * compare-and-set update, so of concurrent callers exactly one succeeds; the others get why not: not found,
 * not theirs, expired, or no longer pending (with its status and transaction).
 *
 * @example
 * const claimed = await transitionPendingAction(store, { id, payer, to: 'executing' })
 */
export async function transitionPendingAction(
  store: StoreSession,
  parameters: { id: string; payer: Address; to: 'executing' | 'cancelled'; now?: Date | undefined },
): Promise<PendingAction> {
  const { id, payer } = parameters
  const now = (parameters.now ?? new Date()).toISOString()
  const before = await getPendingAction(store, { id, payer })
  if (before.status !== 'pending') throw new PendingActionNotPendingError(id, before.status, before.txHash)
  if (before.expiresAt <= now) throw new PendingActionExpiredError(id, before.expiresAt)
  const updated = await actionsDb(store)
    .updateTable('pending_actions')
    .set({ status: parameters.to, updated_at: now })
    .where('id', '=', id)
    .where('payer', '=', before.payer)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) {
    // Another confirm or cancel won the race between the read and the update.
    const after = await getPendingAction(store, { id, payer })
    throw new PendingActionNotPendingError(id, after.status, after.txHash)
  }
  return { ...before, status: parameters.to, updatedAt: now }
}
