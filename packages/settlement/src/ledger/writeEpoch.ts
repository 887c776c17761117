import type { Splits } from '@openledger/staking'
import { type StoreSession, withTransaction } from '@openledger/store'
import type { Hex } from 'viem'
import { LedgerDivergedError } from '../errors.js'
import type { SettlementPlan } from '../plan/planSettlement.js'
import { encodeCall } from './epochRecord.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

export type WriteEpochParameters = {
  epoch: bigint
  plan: SettlementPlan
  splits: Splits
  /** The receipts the plan charges; each must still be waiting for an epoch. */
  receiptIds: readonly Hex[]
}

const CHUNK = 500

/**
 * Writes an epoch ahead of sending it, in one transaction: the epoch (status `built`, with its exact `postEpoch`
 * call and payouts tree) and its receipts, assigned to it and listed as its published receipts. Throws (and
 * writes nothing) when the epoch exists or a receipt was taken by another epoch meanwhile.
 *
 * @example
 * await writeEpoch(store, ledger, { epoch: 1n, plan, splits, receiptIds })
 */
export async function writeEpoch(
  store: StoreSession,
  ledger: LedgerRef,
  { epoch: epochNumber, plan, splits, receiptIds }: WriteEpochParameters,
): Promise<void> {
  const key = ledgerKey(ledger)
  const epoch = Number(epochNumber)
  await withTransaction(store, async (tx) => {
    const db = ledgerDb(tx)
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
        posted_at: null,
        finalizes_at: null,
        final_tx_hash: null,
        final_at: null,
        refund_tx_hash: null,
        vetoed_at: null,
      })
      .execute()
    for (let i = 0; i < receiptIds.length; i += CHUNK) {
      const chunk = receiptIds.slice(i, i + CHUNK).map((id) => id.toLowerCase())
      const updated = await db
        .updateTable('settlement_receipts')
        .set({ epoch })
        .where('chain_id', '=', key.chain_id)
        .where('fee_router', '=', key.fee_router)
        .where('receipt_id', 'in', chunk)
        .where('status', '=', 'metered')
        .where('epoch', 'is', null)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== chunk.length)
        throw new LedgerDivergedError(epochNumber, 'a receipt of it was taken by another epoch meanwhile')
      await db
        .insertInto('settlement_epoch_receipts')
        .values(chunk.map((receipt_id) => ({ ...key, epoch, receipt_id })))
        .execute()
    }
  })
}
