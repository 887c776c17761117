import { type ReceiptStatus, receiptFromJson } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { epochReceiptsTree } from './listEpochReceipts.js'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * A metered receipt and where it stands (metered, built, sent, posted, final, vetoed; unfunded for the first
 * FeeRouter's leftovers), and once its epoch is posted its Merkle proof against that epoch's
 * receipts root (on-chain in `FeeRouter.epochOf`, and `receiptsRootOf` once final; verify with `verifyReceipt`
 * from @openledger/attribution). A receipt whose epoch was vetoed says `vetoed` with that epoch while it waits
 * for the next. Undefined for an unknown id.
 *
 * @example
 * const status = await getReceiptStatus(store, ledger, receiptId)
 * if (status?.proof) verifyReceipt(status.receipt, status.proof, status.receiptsRoot!)
 */
export async function getReceiptStatus(
  store: StoreSession,
  ledger: LedgerRef,
  receiptId: Hex,
): Promise<ReceiptStatus | undefined> {
  const key = ledgerKey(ledger)
  const db = ledgerDb(store)
  const id = receiptId.toLowerCase() as Hex
  const row = await db
    .selectFrom('settlement_receipts')
    .selectAll()
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('receipt_id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const base = { receipt: receiptFromJson(JSON.parse(row.receipt)), agentId: BigInt(row.agent_id) }
  const none = { receiptsRoot: undefined, proof: undefined }
  if (row.status === 'unfunded')
    return { ...base, status: 'unfunded', epoch: row.epoch === null ? undefined : BigInt(row.epoch), ...none }
  if (row.epoch === null) {
    const vetoed = await db
      .selectFrom('settlement_epoch_receipts as r')
      .innerJoin('settlement_epochs as e', (join) =>
        join
          .onRef('e.chain_id', '=', 'r.chain_id')
          .onRef('e.fee_router', '=', 'r.fee_router')
          .onRef('e.epoch', '=', 'r.epoch'),
      )
      .select('r.epoch')
      .where('r.chain_id', '=', key.chain_id)
      .where('r.fee_router', '=', key.fee_router)
      .where('r.receipt_id', '=', id)
      .where('e.status', '=', 'vetoed')
      .orderBy('r.epoch', 'desc')
      .executeTakeFirst()
    if (vetoed) return { ...base, status: 'vetoed', epoch: BigInt(vetoed.epoch), ...none }
    return { ...base, status: 'metered', epoch: undefined, ...none }
  }
  const epoch = BigInt(row.epoch)
  const epochRow = await db
    .selectFrom('settlement_epochs')
    .select(['status', 'receipts_root'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', row.epoch)
    .executeTakeFirstOrThrow()
  if (epochRow.status !== 'posted' && epochRow.status !== 'final')
    return { ...base, status: epochRow.status, epoch, ...none }
  const tree = await epochReceiptsTree(store, ledger, epoch)
  return {
    ...base,
    status: epochRow.status,
    epoch,
    receiptsRoot: epochRow.receipts_root as Hex,
    proof: tree.getProof([id]) as Hex[],
  }
}
