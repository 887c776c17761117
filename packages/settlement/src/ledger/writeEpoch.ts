import type { Splits } from '@openledger/staking'
import { type StoreSession, withTransaction } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { SettlementPlan } from '../plan/planSettlement.js'
import { encodeCall } from './epochRecord.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type WriteEpochParameters = {
  epoch: bigint
  /** Undefined when every receipt is unfunded: then only those are marked, and no epoch is written. */
  plan: SettlementPlan | undefined
  splits: Splits
  /** The receipts the plan settles; each must still be waiting for an epoch. */
  receiptIds: readonly Hex[]
  /** Receipts left out because their payer's prepaid balance could not cover them. */
  unfundedIds: readonly Hex[]
}

const CHUNK = 500

/**
 * Writes an epoch ahead of sending it, in one transaction: the epoch (status `built`, with its exact
 * `settleEpoch` call and payouts tree), its receipts assigned to it, and the unfunded ones marked as left out of it. Throws
 * (and writes nothing) when the epoch exists or a receipt was taken by another epoch meanwhile.
 *
 * @example
 * await writeEpoch(store, ledger, { plan, splits, receiptIds, unfundedIds: [] })
 */
export async function writeEpoch(
  store: StoreSession,
  ledger: LedgerRef,
  { epoch: epochNumber, plan, splits, receiptIds, unfundedIds }: WriteEpochParameters,
): Promise<void> {
  const key = ledgerKey(ledger)
  const epoch = Number(epochNumber)
  await withTransaction(store, async (tx) => {
    const db = ledgerDb(tx)
    if (plan)
      await db
        .insertInto('settlement_epochs')
        .values({
          ...key,
          epoch,
          status: 'built',
          receipts_root: plan.call.receiptsRoot.toLowerCase(),
          payouts_root: plan.call.payoutsRoot.toLowerCase(),
          receipt_count: receiptIds.length,
          total_fees: plan.totalFees.toString(),
          contributors_paid: plan.call.contributorsPaid.toString(),
          splits: JSON.stringify(splits),
          call: encodeCall(plan.call),
          payouts_tree: plan.tree.payoutsTree ? JSON.stringify(plan.tree.payoutsTree.dump()) : null,
          tx_hash: null,
          block_number: null,
          created_at: new Date().toISOString(),
          sent_at: null,
          settled_at: null,
        })
        .execute()
    for (const [ids, set] of [
      [receiptIds, { epoch }],
      [unfundedIds, { epoch, status: 'unfunded' as const }],
    ] as const) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK)
        const updated = await db
          .updateTable('settlement_receipts')
          .set(set)
          .where('chain_id', '=', key.chain_id)
          .where('fee_router', '=', key.fee_router)
          .where('receipt_id', 'in', chunk)
          .where('status', '=', 'metered')
          .where('epoch', 'is', null)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== chunk.length)
          throw new LedgerDivergedError(epochNumber, 'a receipt of it was taken by another epoch meanwhile')
      }
    }
  })
}
