import type { StoreSession } from '@openledger/store'
import { fromEpochRecord, type LedgerEpoch } from './epochRecord.js'
import { type EpochStatus, type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type ListEpochsParameters = {
  /** Only epochs in these states. */
  status?: readonly EpochStatus[]
  /** Only this epoch. */
  epoch?: bigint
}

/**
 * The ledger's epochs, oldest first.
 *
 * @example
 * const [unsettled] = await listEpochs(store, ledger, { status: ['built', 'sent'] })
 */
export async function listEpochs(
  store: StoreSession,
  ledger: LedgerRef,
  parameters: ListEpochsParameters = {},
): Promise<LedgerEpoch[]> {
  const key = ledgerKey(ledger)
  let query = ledgerDb(store)
    .selectFrom('settlement_epochs')
    .selectAll()
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
  if (parameters.status) query = query.where('status', 'in', [...parameters.status])
  if (parameters.epoch !== undefined) query = query.where('epoch', '=', Number(parameters.epoch))
  const rows = await query.orderBy('epoch').execute()
  return rows.map(fromEpochRecord)
}
