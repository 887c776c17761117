import { type StoreSession, withTransaction } from '@openledger/store'
import { LedgerDivergedError } from '../errors.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * Undoes an epoch that was written but never sent (status `built`): its receipts wait for an epoch again and
 * the unfunded ones are metered again. Used when FeeRouter's splits changed after the epoch was planned.
 *
 * @example
 * await reopenEpoch(store, ledger, 4n)
 */
export async function reopenEpoch(store: StoreSession, ledger: LedgerRef, epoch: bigint): Promise<void> {
  const key = ledgerKey(ledger)
  await withTransaction(store, async (tx) => {
    const db = ledgerDb(tx)
    const deleted = await db
      .deleteFrom('settlement_epochs')
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .where('epoch', '=', Number(epoch))
      .where('status', '=', 'built')
      .executeTakeFirst()
    if (Number(deleted.numDeletedRows) !== 1)
      throw new LedgerDivergedError(epoch, 'only an epoch that was never sent can be reopened')
    await db
      .updateTable('settlement_receipts')
      .set({ epoch: null, status: 'metered' })
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .where('epoch', '=', Number(epoch))
      .execute()
  })
}
