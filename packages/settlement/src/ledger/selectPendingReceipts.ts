import { receiptFromJson } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import type { MeteredReceipt } from '../plan/planSettlement.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type PendingReceipt = MeteredReceipt & { receiptId: Hex }

/**
 * The metered receipts not yet in an epoch, oldest first (ties by id), at most `limit`.
 *
 * @example
 * const next = await selectPendingReceipts(store, ledger, 10_000)
 */
export async function selectPendingReceipts(
  store: StoreSession,
  ledger: LedgerRef,
  limit: number,
): Promise<PendingReceipt[]> {
  const key = ledgerKey(ledger)
  const rows = await ledgerDb(store)
    .selectFrom('settlement_receipts')
    .select(['receipt_id', 'agent_id', 'receipt'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'metered')
    .where('epoch', 'is', null)
    .orderBy('created_at')
    .orderBy('receipt_id')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    receiptId: row.receipt_id as Hex,
    agentId: BigInt(row.agent_id),
    receipt: receiptFromJson(JSON.parse(row.receipt)),
  }))
}
