import { type Receipt, receiptToJson } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { InvalidUsageError, ReceiptConflictError } from '../errors.js'
import { meteredAt } from './meteredAt.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type RecordUsageParameters = {
  receipt: Receipt
  /** The on-chain id of the agent that answered (AgentRegistry). */
  agentId: bigint
}

export type RecordUsageReturnType = { receiptId: Hex; duplicate: boolean }

/**
 * Meters one paid answer: records its receipt in the ledger, keyed by receipt id, to be charged in the next
 * epoch (epochs take receipts in metering order). Idempotent: metering the same receipt again changes nothing and says `duplicate: true`, so a retried
 * job never charges twice. Throws `ReceiptConflictError` when the id is already there with other content.
 *
 * @example
 * const { receiptId, duplicate } = await recordUsage(store, ledger, { receipt, agentId: 1n })
 */
export async function recordUsage(
  store: StoreSession,
  ledger: LedgerRef,
  { receipt, agentId }: RecordUsageParameters,
): Promise<RecordUsageReturnType> {
  if (typeof agentId !== 'bigint' || agentId < 1n)
    throw new InvalidUsageError(`agent id is ${String(agentId)}; expected a positive on-chain agent id`)
  const json = receiptToJson(receipt)
  const row = {
    receipt_id: json.id,
    ...ledgerKey(ledger),
    agent_id: agentId.toString(),
    payer: json.payer,
    fee: json.fee,
    receipt: JSON.stringify(json),
    status: 'metered' as const,
    epoch: null,
    created_at: meteredAt(),
  }
  const db = ledgerDb(store)
  const inserted = await db
    .insertInto('settlement_receipts')
    .values(row)
    .onConflict((oc) => oc.columns(['chain_id', 'fee_router', 'receipt_id']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { receiptId: json.id, duplicate: false }
  const existing = await db
    .selectFrom('settlement_receipts')
    .select(['agent_id', 'receipt'])
    .where('chain_id', '=', row.chain_id)
    .where('fee_router', '=', row.fee_router)
    .where('receipt_id', '=', json.id)
    .executeTakeFirstOrThrow()
  if (existing.agent_id !== row.agent_id || existing.receipt !== row.receipt)
    throw new ReceiptConflictError(json.id)
  return { receiptId: json.id, duplicate: true }
}
