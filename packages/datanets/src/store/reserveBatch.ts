import { type StoreSession, withTransaction } from '@openledger/store'
import type { Hex } from 'viem'
import { buildBatchTree } from '../batches/buildBatchTree.js'
import type { DatanetRef } from '../types.js'
import { datanetKey } from './records.js'
import type { DatanetBatchesTable } from './tables.js'
import { datanetDb } from './tables.js'

/**
 * Write-ahead for a commit: picks every accepted row in no batch (oldest first), builds the batch tree, and in
 * one transaction records the batch as pending and gives each row the batch root and its proof. Undefined when
 * there is nothing to commit.
 */
export async function reserveBatch(
  store: StoreSession,
  datanet: DatanetRef,
  uri: string,
): Promise<DatanetBatchesTable | undefined> {
  const key = datanetKey(datanet)
  return withTransaction(store, async (tx) => {
    const db = datanetDb(tx)
    const rows = await db
      .selectFrom('datanet_rows')
      .select(['row_id', 'contributor', 'content_hash'])
      .where('chain_id', '=', key.chain_id)
      .where('registry', '=', key.registry)
      .where('datanet_id', '=', key.datanet_id)
      .where('status', '=', 'accepted')
      .where('batch_root', 'is', null)
      .orderBy('created_at')
      .orderBy('row_id')
      .execute()
    if (rows.length === 0) return undefined
    const tree = buildBatchTree(
      rows.map((r) => ({
        rowId: r.row_id as Hex,
        contributor: r.contributor as Hex,
        contentHash: r.content_hash as Hex,
      })),
    )
    const batch: DatanetBatchesTable = {
      root: tree.root.toLowerCase(),
      ...key,
      status: 'pending',
      batch_index: null,
      row_count: rows.length,
      uri,
      tx_hash: null,
      created_at: new Date().toISOString(),
      committed_at: null,
    }
    await db.insertInto('datanet_batches').values(batch).execute()
    for (const [i, row] of rows.entries()) {
      await db
        .updateTable('datanet_rows')
        .set({ batch_root: batch.root, proof: JSON.stringify(tree.getProof(i)) })
        .where('row_id', '=', row.row_id)
        .execute()
    }
    return batch
  })
}
