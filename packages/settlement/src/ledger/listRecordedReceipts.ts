import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * Which of `receiptIds` the ledger records (metered or unfunded, in an epoch or not), as lowercase ids: how
 * the gateway learns that the settlement worker has recorded the answers it holds fees for.
 *
 * @example
 * const recorded = await listRecordedReceipts(store, ledger, [receiptId])
 * if (recorded.has(receiptId.toLowerCase())) console.log('the ledger counts it')
 */
export async function listRecordedReceipts(
  store: StoreSession,
  ledger: LedgerRef,
  receiptIds: readonly Hex[],
): Promise<Set<Hex>> {
  if (receiptIds.length === 0) return new Set()
  const key = ledgerKey(ledger)
  const rows = await ledgerDb(store)
    .selectFrom('settlement_receipts')
    .select('receipt_id')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where(
      'receipt_id',
      'in',
      receiptIds.map((id) => id.toLowerCase()),
    )
    .execute()
  return new Set(rows.map((row) => row.receipt_id.toLowerCase() as Hex))
}
