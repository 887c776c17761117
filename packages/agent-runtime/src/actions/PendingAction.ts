import { type StoreSession, schemaDb } from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'
import { actionsSchema } from './actionsSchema.js'

/** Where an action is: awaiting confirmation, running (claimed by one confirm), finished, or cancelled. */
export type PendingActionStatus = 'pending' | 'executing' | 'done' | 'failed' | 'cancelled'

/**
 * A value-moving action an agent proposed and its caller must confirm: what (`kind`, `params`, `summary`), for
 * whom (`payer`, the only account that may confirm or cancel it), until when, and once run what it did.
 */
export type PendingAction = {
  /** `act_` and 32 random hex digits: unguessable. */
  id: string
  /** The agent that proposed it and runs it (its definition id, e.g. `ai-wallet`). */
  agentId: string
  payer: Address
  /** `transfer` (the wallet's); `swap` and `proposal` are reserved for the agents that will move value so. */
  kind: string
  /** The parameters the agent runs it with, as strings (amounts in base units). */
  params: Record<string, string>
  /** One line for the user: what, how much, to whom, and which limit applies. */
  summary: string
  status: PendingActionStatus
  createdAt: string
  expiresAt: string
  updatedAt: string
  /** The transaction that ran it (or the Safe transaction proposed for it), once `done`. */
  txHash: Hex | null
  /** What running it returned (JSON), or why it failed. */
  outcome: string | null
  /** The receipt of the answer that ran it. */
  receiptId: Hex | null
}

/** `pending_actions` as SQL sees it (migration `0001_pending_actions` of `actionsSchema`). */
export type PendingActionsTable = {
  id: string
  agent_id: string
  payer: string
  kind: string
  params: string
  summary: string
  status: PendingActionStatus
  created_at: string
  expires_at: string
  updated_at: string
  tx_hash: string | null
  outcome: string | null
  receipt_id: string | null
}

/** The store's query builder with `pending_actions` known; `StoreSchemaNotRegisteredError` without `actionsSchema`. */
export function actionsDb(store: StoreSession) {
  return schemaDb<{ pending_actions: PendingActionsTable }>(store, actionsSchema)
}

/** A row as its caller sees it. */
export function pendingActionOf(row: PendingActionsTable): PendingAction {
  return {
    id: row.id,
    agentId: row.agent_id,
    payer: getAddress(row.payer),
    kind: row.kind,
    params: JSON.parse(row.params) as Record<string, string>,
    summary: row.summary,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    updatedAt: row.updated_at,
    txHash: row.tx_hash as Hex | null,
    outcome: row.outcome,
    receiptId: row.receipt_id as Hex | null,
  }
}
