import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { listEpochReceipts, type PublishedReceipt } from './listEpochReceipts.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/** A posted epoch as anyone may check it: its receipts root (as posted on-chain), its status and its receipts. */
export type PublishedEpoch = {
  epoch: bigint
  receiptsRoot: Hex
  /** posted: its dispute window is open (or not yet finalised); final: paid out; vetoed: vetoed and refunded. */
  status: 'posted' | 'final' | 'vetoed'
  /** In receipt-id order. */
  receipts: PublishedReceipt[]
}

/**
 * A posted epoch's published receipts with its receipts root and status: what the gateway serves at
 * `GET /v1/epochs/:epoch` and `openledger epoch verify` recomputes the posted call from. Undefined for an
 * epoch the ledger has not posted (never written, or written and not yet on-chain).
 *
 * @example
 * const published = await getPublishedEpoch(store, ledger, 4n)
 * if (published) console.log(`${published.receipts.length} receipts, root ${published.receiptsRoot}`)
 */
export async function getPublishedEpoch(
  store: StoreSession,
  ledger: LedgerRef,
  epoch: bigint,
): Promise<PublishedEpoch | undefined> {
  const key = ledgerKey(ledger)
  const row = await ledgerDb(store)
    .selectFrom('settlement_epochs')
    .select(['status', 'receipts_root'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', Number(epoch))
    .where('status', 'in', ['posted', 'final', 'vetoed'])
    .executeTakeFirst()
  if (!row) return undefined
  return {
    epoch,
    receiptsRoot: row.receipts_root as Hex,
    status: row.status as PublishedEpoch['status'],
    receipts: await listEpochReceipts(store, ledger, epoch),
  }
}
