import { type StoreSession, withTransaction } from '@openledger/store'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * Deletes a ledger: its receipts, epochs (with their receipt lists) and balances. For a devnet started afresh, whose FeeRouter may sit at
 * the same address as the previous devnet's but has settled nothing. Returns how many receipts it held.
 *
 * @example
 * await forgetLedger(store, { chainId: 31337, feeRouter: manifest.contracts.FeeRouter })
 */
export async function forgetLedger(store: StoreSession, ledger: LedgerRef): Promise<number> {
  const key = ledgerKey(ledger)
  return withTransaction(store, async (tx) => {
    const db = ledgerDb(tx)
    let receipts = 0
    const tables = [
      'settlement_receipts',
      'settlement_epochs',
      'settlement_epoch_receipts',
      'settlement_balances',
    ] as const
    for (const table of tables) {
      const deleted = await db
        .deleteFrom(table)
        .where('chain_id', '=', key.chain_id)
        .where('fee_router', '=', key.fee_router)
        .executeTakeFirst()
      if (table === 'settlement_receipts') receipts = Number(deleted.numDeletedRows)
    }
    return receipts
  })
}
