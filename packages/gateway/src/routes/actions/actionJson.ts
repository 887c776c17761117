import type { PendingAction } from '@openledger/agent-runtime'

/**
 * A pending action as the API shows it (snake_case, like OpenAI's objects).
 *
 * @example
 * response.json(actionJson(action)) // { object: 'action', id: 'act_…', status: 'pending', … }
 */
export function actionJson(action: PendingAction) {
  return {
    object: 'action' as const,
    id: action.id,
    agent: action.agentId,
    kind: action.kind,
    status: action.status,
    summary: action.summary,
    params: action.params,
    created_at: action.createdAt,
    expires_at: action.expiresAt,
    tx_hash: action.txHash,
    receipt_id: action.receiptId,
  }
}
