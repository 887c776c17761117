import { type StoreSession, withTransaction } from '@openledger/store'
import { LedgerDivergedError } from '../errors.js'
import { type EpochStatus, type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type ReopenEpochOptions = {
  /** The epoch's `postEpoch` transaction was mined and reverted: a `sent` epoch may be reopened too. */
  reverted?: boolean
}

/**
 * Undoes an epoch that was written but never posted: the epoch and its receipt list are deleted and its receipts
 * wait for an epoch again. For an epoch planned under splits the Safe has since changed, or whose post a payer
 * made fail (it lowered its cap or withdrew meanwhile). Only `built` epochs, or `sent` ones whose transaction
 * reverted (`reverted: true`); anything else is a `LedgerDivergedError`.
 *
 * @example
 * await reopenEpoch(store, ledger, 4n)
 */
export async function reopenEpoch(
  store: StoreSession,
  ledger: LedgerRef,
  epoch: bigint,
  { reverted = false }: ReopenEpochOptions = {},
): Promise<void> {
  const key = ledgerKey(ledger)
  const statuses: EpochStatus[] = reverted ? ['built', 'sent'] : ['built']
  await withTransaction(store, async (tx) => {
    const db = ledgerDb(tx)
    const deleted = await db
      .deleteFrom('settlement_epochs')
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .where('epoch', '=', Number(epoch))
      .where('status', 'in', statuses)
      .executeTakeFirst()
    if (Number(deleted.numDeletedRows) !== 1)
      throw new LedgerDivergedError(epoch, 'only an epoch that was never posted can be reopened')
    await db
      .deleteFrom('settlement_epoch_receipts')
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .where('epoch', '=', Number(epoch))
      .execute()
    await db
      .updateTable('settlement_receipts')
      .set({ epoch: null, status: 'metered' })
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .where('epoch', '=', Number(epoch))
      .execute()
  })
}
