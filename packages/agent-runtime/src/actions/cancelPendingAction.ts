import type { StoreSession } from '@openledger/store'
import type { Address } from 'viem'
import type { PendingAction } from './PendingAction.js'
import { transitionPendingAction } from './transitionPendingAction.js'

/**
 * Cancels the payer's pending action: it can no longer run. Refused, with why, when it is not theirs, expired,
 * or no longer pending.
 *
 * @example
 * await cancelPendingAction(store, { id: 'act_…', payer })
 */
export function cancelPendingAction(
  store: StoreSession,
  parameters: { id: string; payer: Address; now?: Date | undefined },
): Promise<PendingAction> {
  return transitionPendingAction(store, { ...parameters, to: 'cancelled' })
}
