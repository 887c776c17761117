import type { StoreSession } from '@openledger/store'
import type { DatanetBatchesTable } from './tables.js'
import { datanetDb } from './tables.js'

/** Records a pending batch's transaction hash, or its confirmation (index, hash, time). */
export async function updateBatch(
  store: StoreSession,
  root: string,
  changes: Partial<Pick<DatanetBatchesTable, 'status' | 'batch_index' | 'tx_hash' | 'committed_at'>>,
): Promise<void> {
  await datanetDb(store).updateTable('datanet_batches').set(changes).where('root', '=', root).execute()
}
