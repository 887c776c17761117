import type { StoreSession } from '@openledger/store'
import type { DatanetRef } from '../types.js'
import { datanetKey } from './records.js'
import type { DatanetBatchesTable } from './tables.js'
import { datanetDb } from './tables.js'

/** The datanet's batch whose commit was started but not confirmed, if any (there is at most one). */
export async function findPendingBatch(
  store: StoreSession,
  datanet: DatanetRef,
): Promise<DatanetBatchesTable | undefined> {
  const key = datanetKey(datanet)
  return datanetDb(store)
    .selectFrom('datanet_batches')
    .selectAll()
    .where('chain_id', '=', key.chain_id)
    .where('registry', '=', key.registry)
    .where('datanet_id', '=', key.datanet_id)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .executeTakeFirst()
}
