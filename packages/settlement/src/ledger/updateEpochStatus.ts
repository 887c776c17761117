import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import { type EpochStatus, type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type UpdateEpochStatusParameters =
  | { epoch: bigint; status: 'sent'; txHash: Hex }
  | {
      epoch: bigint
      status: 'posted'
      txHash: Hex | null
      blockNumber: bigint | null
      /** Block time (unix seconds) from which the epoch may be finalised. */
      finalizesAt: bigint
    }
  | { epoch: bigint; status: 'final'; txHash: Hex | null }
  | { epoch: bigint; status: 'vetoed'; txHash: Hex | null }

/** The statuses each status is reached from. */
const from: Record<UpdateEpochStatusParameters['status'], EpochStatus[]> = {
  sent: ['built'],
  posted: ['built', 'sent'],
  final: ['posted'],
  vetoed: ['posted'],
}
/** Where each status stands: a status is never set over one that stands after it. */
const rank: Record<EpochStatus, number> = { built: 0, sent: 1, posted: 2, final: 3, vetoed: 3 }

/**
 * Moves an epoch forward: `built` → `sent` (with the hash, written as soon as the transaction is out),
 * `built | sent` → `posted` (once the chain holds it, with when its dispute window closes), `posted` → `final`
 * (finalised on-chain) or `posted` → `vetoed` (its charges refunded on-chain: its receipts then wait again for a
 * later epoch, while its published list stays). Never backwards: marking an epoch with a status it has passed
 * is a no-op; `final` over `vetoed` (or the reverse) is a `LedgerDivergedError`. Call it inside the caller's
 * transaction when balances are recorded with it.
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
  const db = ledgerDb(store)
  const epoch = Number(parameters.epoch)
  const updated = await db
    .updateTable('settlement_epochs')
    .set(columnsOf(parameters, new Date().toISOString()))
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', epoch)
    .where('status', 'in', from[parameters.status])
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 1) {
    if (parameters.status === 'vetoed')
      await db
        .updateTable('settlement_receipts')
        .set({ epoch: null })
        .where('chain_id', '=', key.chain_id)
        .where('fee_router', '=', key.fee_router)
        .where('epoch', '=', epoch)
        .execute()
    return
  }
  const current = await db
    .selectFrom('settlement_epochs')
    .select('status')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', epoch)
    .executeTakeFirst()
  if (!current) throw new LedgerDivergedError(parameters.epoch, 'the ledger has no such epoch to update')
  if (rank[current.status] > rank[parameters.status] || current.status === parameters.status) return
  throw new LedgerDivergedError(
    parameters.epoch,
    `the ledger has it ${current.status}, so it cannot become ${parameters.status}`,
  )
}

function columnsOf(parameters: UpdateEpochStatusParameters, now: string) {
  const hash = parameters.txHash?.toLowerCase() ?? null
  switch (parameters.status) {
    case 'sent':
      return { status: 'sent' as const, tx_hash: hash, sent_at: now }
    case 'posted':
      return {
        status: 'posted' as const,
        posted_at: now,
        finalizes_at: parameters.finalizesAt.toString(),
        ...(hash ? { tx_hash: hash } : {}),
        ...(parameters.blockNumber !== null ? { block_number: parameters.blockNumber.toString() } : {}),
      }
    case 'final':
      return { status: 'final' as const, final_at: now, final_tx_hash: hash }
    case 'vetoed':
      return { status: 'vetoed' as const, vetoed_at: now, refund_tx_hash: hash }
  }
}
