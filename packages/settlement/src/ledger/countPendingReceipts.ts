import type { StoreSession } from '@openledger/store'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * How many metered receipts wait for an epoch.
 *
 * @example
 * if ((await countPendingReceipts(store, ledger)) >= 100) await closeNow()
 */
export async function countPendingReceipts(store: StoreSession, ledger: LedgerRef): Promise<number> {
  const key = ledgerKey(ledger)
  const row = await ledgerDb(store)
    .selectFrom('settlement_receipts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('status', '=', 'metered')
    .where('epoch', 'is', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
