import type { Address } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { ledgerDb, ledgerKey } from '../ledger/tables.js'
import { confirmEpoch } from './confirmEpoch.js'
import { readReceiptsRoot, readRouter } from './readRouter.js'
import { syncBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

export type ReconcileReport = {
  /** FeeRouter's last settled epoch. */
  chainLastEpoch: bigint
  /** Epochs the chain had settled but the ledger had not marked (a crash after sending): now settled. */
  confirmed: bigint[]
  /** An epoch written ahead that the chain has not settled: the next `settleNextEpoch` sends it. */
  unsent: bigint | undefined
  /** Accounts whose prepaid balances were read again from the chain. */
  balancesSynced: number
}

/**
 * Brings the ledger in line with the chain, before the settler does anything else after a start: epochs the
 * chain settled are confirmed, the latest settled epoch's root is checked against the chain, and every known
 * payer's balance is read again. Throws `LedgerDivergedError` when the chain settled an epoch the ledger never
 * wrote or holds another root: settling on top of a ledger that disagrees would pay the wrong parties.
 *
 * @example
 * const report = await reconcileLedger(settler)
 */
export async function reconcileLedger(settler: Settler): Promise<ReconcileReport> {
  const ledger = ledgerOf(settler)
  const { lastEpoch } = await readRouter(settler)
  const unfinished = await listEpochs(settler.store, ledger, { status: ['built', 'sent'] })
  const [latestSettled] = (await listEpochs(settler.store, ledger, { status: ['settled'] })).slice(-1)
  const ledgerLast = [latestSettled, ...unfinished].reduce(
    (max, e) => (e && e.epoch > max ? e.epoch : max),
    0n,
  )
  if (lastEpoch > ledgerLast)
    throw new LedgerDivergedError(
      lastEpoch,
      `the chain settled it but the ledger's last epoch is ${ledgerLast}`,
    )
  if (latestSettled) {
    const root = await readReceiptsRoot(settler, latestSettled.epoch)
    if (root.toLowerCase() !== latestSettled.receiptsRoot.toLowerCase())
      throw new LedgerDivergedError(latestSettled.epoch, `the chain's receipts root is ${root}`)
  }
  const confirmed: bigint[] = []
  for (const epoch of unfinished.filter((e) => e.epoch <= lastEpoch)) {
    await confirmEpoch(settler, epoch, undefined)
    confirmed.push(epoch.epoch)
  }
  const synced = await syncBalances(settler, await knownPayers(settler))
  return {
    chainLastEpoch: lastEpoch,
    confirmed,
    unsent: unfinished.find((e) => e.epoch > lastEpoch)?.epoch,
    balancesSynced: synced.length,
  }
}

/** Every payer the ledger has metered or holds a balance for. */
async function knownPayers(settler: Settler): Promise<Address[]> {
  const key = ledgerKey(ledgerOf(settler))
  const db = ledgerDb(settler.store)
  const [metered, balances] = await Promise.all([
    db
      .selectFrom('settlement_receipts')
      .select('payer')
      .distinct()
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .execute(),
    db
      .selectFrom('settlement_balances')
      .select('account')
      .where('chain_id', '=', key.chain_id)
      .where('fee_router', '=', key.fee_router)
      .execute(),
  ])
  return [...new Set([...metered.map((r) => r.payer), ...balances.map((r) => r.account)])] as Address[]
}
