import { type ReceiptStatus, receiptFromJson } from '@openledger/attribution'
import type { StoreSession } from '@openledger/store'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import type { Hex } from 'viem'
import { type LedgerRef, ledgerDb, ledgerKey } from './tables.js'

/**
 * A metered receipt, where it stands, and once its epoch is settled its Merkle proof against the receipts root
 * FeeRouter stores (verify with `verifyReceipt` from @openledger/attribution). Undefined for an unknown id.
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
  const id = receiptId.toLowerCase()
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
  if (row.epoch === null) return { ...base, status: 'metered', epoch: undefined, ...none }
  const epoch = BigInt(row.epoch)
  if (row.status === 'unfunded') return { ...base, status: 'unfunded', epoch, ...none }
  const epochRow = await db
    .selectFrom('settlement_epochs')
    .select(['status', 'receipts_root'])
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', row.epoch)
    .executeTakeFirstOrThrow()
  if (epochRow.status !== 'settled') return { ...base, status: epochRow.status, epoch, ...none }
  const ids = await db
    .selectFrom('settlement_receipts')
    .select('receipt_id')
    .where('chain_id', '=', key.chain_id)
    .where('fee_router', '=', key.fee_router)
    .where('epoch', '=', row.epoch)
    .where('status', '=', 'metered')
    .execute()
  const tree = StandardMerkleTree.of(
    ids.map((r) => [r.receipt_id]),
    ['bytes32'],
  )
  return {
    ...base,
    status: 'settled',
    epoch,
    receiptsRoot: epochRow.receipts_root as Hex,
    proof: tree.getProof([id]) as Hex[],
  }
}
