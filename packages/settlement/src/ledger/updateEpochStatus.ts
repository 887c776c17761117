import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type UpdateEpochStatusParameters =
  | { epoch: bigint; status: 'sent'; txHash: Hex }
  | { epoch: bigint; status: 'settled'; txHash: Hex | null; blockNumber: bigint | null }

/**
 * Moves an epoch forward: `built` → `sent` (with the hash, written as soon as the transaction is out) and
 * `built | sent` → `settled` (once the chain holds its receipts root). Never backwards: a settled epoch stays
 * settled, and marking it again is a no-op.
 *
 * @example
 * await updateEpochStatus(store, ledger, { epoch: 3n, status: 'sent', txHash })
 */
export async function updateEpochStatus(
  store: StoreSession,
  ledger: LedgerRef,
  parameters: UpdateEpochStatusParameters,
): Promise<void> {
  const key = ledgerKey(ledger)
  const now = new Date().toISOString()
  const set =
    parameters.status === 'sent'
      ? { status: 'sent' as const, tx_hash: parameters.txHash.toLowerCase(), sent_at: now }
      : {
          status: 'settled' as const,
          settled_at: now,
          ...(parameters.txHash ? { tx_hash: parameters.txHash.toLowerCase() } : {}),
          ...(parameters.blockNumber !== null ? { block_number: parameters.blockNumber.toString() } : {}),
        }
  const updated = await ledgerDb(store)
    .updateTable('settlement_epochs')
    .set(set)
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', Number(parameters.epoch))
    .where('status', 'in', ['built', 'sent'])
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 1) return
  const current = await ledgerDb(store)
    .selectFrom('settlement_epochs')
    .select('status')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', Number(parameters.epoch))
    .executeTakeFirst()
  if (current?.status === 'settled') return
  throw new LedgerDivergedError(parameters.epoch, 'the ledger has no such epoch to update')
}
