import { receiptFromJson } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex } from 'viem'
import type { MeteredReceipt } from '../plan/planSettlement.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type PendingReceipt = MeteredReceipt & { receiptId: Hex; meteredAt: string }

/** Where a page of waiting receipts starts: after this receipt (metering order). */
export type PendingCursor = { meteredAt: string; receiptId: Hex }

/**
 * The metered receipts waiting for an epoch, oldest first (ties by id), at most `limit`, after `after` when
 * given (to page through them).
 *
 * @example
 * const next = await selectPendingReceipts(store, ledger, 10_000)
 */
export async function selectPendingReceipts(
  store: StoreSession,
  ledger: LedgerRef,
  limit: number,
  after?: PendingCursor,
): Promise<PendingReceipt[]> {
  const key = ledgerKey(ledger)
  let query = ledgerDb(store)
    .selectFrom('settlement_receipts')
    .select(['receipt_id', 'agent_id', 'receipt', 'created_at'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'metered')
    .where('epoch', 'is', null)
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '>', after.meteredAt),
        eb.and([eb('created_at', '=', after.meteredAt), eb('receipt_id', '>', after.receiptId)]),
      ]),
    )
  const rows = await query.orderBy('created_at').orderBy('receipt_id').limit(limit).execute()
  return rows.map((row) => ({
    receiptId: row.receipt_id as Hex,
    meteredAt: row.created_at,
    agentId: BigInt(row.agent_id),
    receipt: receiptFromJson(JSON.parse(row.receipt)),
  }))
}

/**
 * The payers with receipts waiting for an epoch (checksummed).
 *
 * @example
 * const payers = await listWaitingPayers(store, ledger)
 */
export async function listWaitingPayers(store: StoreSession, ledger: LedgerRef): Promise<Address[]> {
  const key = ledgerKey(ledger)
  const rows = await ledgerDb(store)
    .selectFrom('settlement_receipts')
    .select('payer')
    .distinct()
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'metered')
    .where('epoch', 'is', null)
    .execute()
  return rows.map((row) => getAddress(row.payer))
}
