import type { Address } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { ledgerDb, ledgerKey } from '../ledger/tables.js'
import { confirmFinal, confirmPosted, confirmVetoed } from './confirmEpoch.js'
import { readEpochRecord, readRouter } from './readRouter.js'
import { syncBalances } from './syncBalances.js'
import { ledgerOf, type Settler } from './types.js'

export type ReconcileReport = {
  /** FeeRouter's last posted epoch. */
  chainLastEpoch: bigint
  /** Epochs the chain had posted but the ledger had not marked (a crash after sending): now posted. */
  confirmed: bigint[]
  /** Posted epochs the chain had finalised but the ledger had not marked: now final. */
  finalized: bigint[]
  /** Posted epochs the chain had vetoed and refunded but the ledger had not marked: now vetoed, receipts waiting. */
  vetoed: bigint[]
  /** An epoch written ahead that the chain has not posted: the next `settleNextEpoch` sends it. */
  unsent: bigint | undefined
  /** Accounts whose prepaid balances were read again from the chain. */
  balancesSynced: number
}

/**
 * Brings the ledger in line with the chain, before the settler does anything else after a start: epochs the
 * chain posted are confirmed, posted epochs the chain finalised or refunded are marked so (a vetoed one not yet
 * refunded is left for `settleNextEpoch`, which refunds it), the latest final epoch's receipts root is checked
 * against the chain, and every known payer's balance is read again. Throws `LedgerDivergedError` when the chain
 * posted an epoch the ledger never wrote or holds another root: settling on top of a ledger that disagrees
 * would pay the wrong parties.
 *
 * @example
 * const report = await reconcileLedger(settler)
 */
export async function reconcileLedger(settler: Settler): Promise<ReconcileReport> {
  const ledger = ledgerOf(settler)
  const { lastEpoch } = await readRouter(settler)
  const epochs = await listEpochs(settler.store, ledger)
  const ledgerLast = epochs.reduce((max, e) => (e.epoch > max ? e.epoch : max), 0n)
  if (lastEpoch > ledgerLast)
    throw new LedgerDivergedError(
      lastEpoch,
      `the chain posted it but the ledger's last epoch is ${ledgerLast}`,
    )
  const latestFinal = epochs.filter((e) => e.status === 'final').at(-1)
  if (latestFinal) {
    const record = await readEpochRecord(settler, latestFinal.epoch)
    if (
      record.status !== 'final' ||
      record.receiptsRoot.toLowerCase() !== latestFinal.receiptsRoot.toLowerCase()
    )
      throw new LedgerDivergedError(
        latestFinal.epoch,
        `the chain has it ${record.status} with receipts root ${record.receiptsRoot}`,
      )
  }
  const report: ReconcileReport = {
    chainLastEpoch: lastEpoch,
    confirmed: [],
    finalized: [],
    vetoed: [],
    unsent: epochs.find((e) => (e.status === 'built' || e.status === 'sent') && e.epoch > lastEpoch)?.epoch,
    balancesSynced: 0,
  }
  for (const epoch of epochs.filter(
    (e) => (e.status === 'built' || e.status === 'sent') && e.epoch <= lastEpoch,
  )) {
    await confirmPosted(settler, epoch)
    report.confirmed.push(epoch.epoch)
  }
  const posted = await listEpochs(settler.store, ledger, { status: ['posted'] })
  for (const epoch of posted) {
    const { status } = await readEpochRecord(settler, epoch.epoch)
    if (status === 'final') await confirmFinal(settler, epoch)
    if (status === 'refunded') await confirmVetoed(settler, epoch)
    if (status === 'final') report.finalized.push(epoch.epoch)
    if (status === 'refunded') report.vetoed.push(epoch.epoch)
  }
  report.balancesSynced = (await syncBalances(settler, await knownPayers(settler))).length
  return report
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
