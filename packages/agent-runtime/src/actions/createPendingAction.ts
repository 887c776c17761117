import type { StoreSession } from '@openledger/store'
import { type Address, bytesToHex, getAddress } from 'viem'
import { actionsDb, type PendingAction, pendingActionOf } from './PendingAction.js'

/** How long an action waits for its confirmation by default: ten minutes. */
export const PENDING_ACTION_TTL_MS = 10 * 60 * 1000

export type CreatePendingActionParameters = {
  agentId: string
  payer: Address
  kind: string
  params: Record<string, string>
  summary: string
  /** Milliseconds until it expires (default `PENDING_ACTION_TTL_MS`). */
  ttlMs?: number | undefined
  /** Now, for tests (default: the clock). */
  now?: Date | undefined
}

/**
 * Stores an action awaiting its payer's confirmation, under a random id (`act_` and 128 random bits), and
 * returns it. Nothing runs: `claimPendingAction` is the only way from `pending` to `executing`.
 *
 * @example
 * const action = await createPendingAction(store, {
 *   agentId: 'ai-wallet', payer, kind: 'transfer', summary: 'Send 5 OPEN to 0x7099…79C8',
 *   params: { token, to, amount: '5000000000000000000' },
 * })
 */
export async function createPendingAction(
  store: StoreSession,
  parameters: CreatePendingActionParameters,
): Promise<PendingAction> {
  const now = parameters.now ?? new Date()
  const row = {
    id: `act_${bytesToHex(crypto.getRandomValues(new Uint8Array(16))).slice(2)}`,
    agent_id: parameters.agentId,
    payer: getAddress(parameters.payer),
    kind: parameters.kind,
    params: JSON.stringify(parameters.params),
    summary: parameters.summary,
    status: 'pending' as const,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + (parameters.ttlMs ?? PENDING_ACTION_TTL_MS)).toISOString(),
    updated_at: now.toISOString(),
    tx_hash: null,
    outcome: null,
    receipt_id: null,
  }
  await actionsDb(store).insertInto('pending_actions').values(row).execute()
  return pendingActionOf(row)
}
