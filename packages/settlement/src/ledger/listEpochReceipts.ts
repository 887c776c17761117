import { type ReceiptJson, receiptLeafEncoding } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Hex } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/** One receipt of a published epoch: the on-chain id of the agent that answered, and the receipt as JSON. */
export type PublishedReceipt = {
  /** AgentRegistry's id, decimal. */
  agentId: string
  /** `receiptToJson(receipt)`, with its `id`. */
  receipt: ReceiptJson
}

/**
 * An epoch's receipts as it was written (and, once posted, published): in receipt-id order, each with the
 * on-chain agent id. A vetoed epoch keeps its list after its receipts go back to wait. Empty for an epoch the
 * ledger does not hold. Anyone can recompute the epoch's `postEpoch` call from it (`planSettlement`).
 *
 * @example
 * const receipts = await listEpochReceipts(store, ledger, 4n)
 * const metered = receipts.map((r) => ({ agentId: BigInt(r.agentId), receipt: receiptFromJson(r.receipt) }))
 */
export async function listEpochReceipts(
  store: StoreSession,
  ledger: LedgerRef,
  epoch: bigint,
): Promise<PublishedReceipt[]> {
  const key = ledgerKey(ledger)
  const rows = await ledgerDb(store)
    .selectFrom('settlement_epoch_receipts as e')
    .innerJoin('settlement_receipts as r', (join) =>
      join
        .onRef('r.chain_id', '=', 'e.chain_id')
        .onRef('r.fee_router', '=', 'e.fee_router')
        .onRef('r.receipt_id', '=', 'e.receipt_id'),
    )
    .select(['r.agent_id', 'r.receipt'])
    .where('e.chain_id', '=', key.chain_id)
    .where('e.fee_router', '=', key.fee_router)
    .where('e.epoch', '=', Number(epoch))
    .orderBy('e.receipt_id')
    .execute()
  return rows.map((row) => ({ agentId: row.agent_id, receipt: JSON.parse(row.receipt) as ReceiptJson }))
}

/** The receipts tree of an epoch the ledger holds, rebuilt from its receipt ids (as `buildEpoch` builds it). */
export async function epochReceiptsTree(
  store: StoreSession,
  ledger: LedgerRef,
  epoch: bigint,
): Promise<StandardMerkleTree<[Hex]>> {
  const key = ledgerKey(ledger)
  const ids = await ledgerDb(store)
    .selectFrom('settlement_epoch_receipts')
    .select('receipt_id')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', Number(epoch))
    .execute()
  return StandardMerkleTree.of(
    ids.map((r) => [r.receipt_id as Hex]),
    [...receiptLeafEncoding],
  )
}
