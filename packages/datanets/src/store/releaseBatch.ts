import { type StoreSession, withTransaction } from '@openledger/store'
import { datanetDb } from './tables.js'

/**
 * Undoes `reserveBatch` for a commit that failed: the rows leave the batch (uncommitted again) and the batch
 * goes. A batch already confirmed (by a concurrent committer) is left alone.
 */
export async function releaseBatch(store: StoreSession, root: string): Promise<void> {
  await withTransaction(store, async (tx) => {
    const db = datanetDb(tx)
    const batch = await db
      .selectFrom('datanet_batches')
      .select('status')
      .where('root', '=', root)
      .executeTakeFirst()
    if (batch?.status !== 'pending') return
    await db
      .updateTable('datanet_rows')
      .set({ batch_root: null, proof: null })
      .where('batch_root', '=', root)
      .execute()
    await db.deleteFrom('datanet_batches').where('root', '=', root).execute()
  })
}
