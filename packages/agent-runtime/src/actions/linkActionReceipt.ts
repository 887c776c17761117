import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { actionsDb } from './PendingAction.js'

/**
 * Names the receipt of the answer that ran action `id` on it, so the action and its attribution record point
 * at each other; the first receipt stays.
 *
 * @example
 * await linkActionReceipt(store, { id: 'act_…', receiptId })
 */
export async function linkActionReceipt(
  store: StoreSession,
  { id, receiptId }: { id: string; receiptId: Hex },
) {
  await actionsDb(store)
    .updateTable('pending_actions')
    .set({ receipt_id: receiptId })
    .where('id', '=', id)
    .where('receipt_id', 'is', null)
    .execute()
}
