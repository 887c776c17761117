import { type StoreSession, withTransaction } from '@openledger/store'
import type { DatanetRef } from '../types.js'
import { datanetKey } from './records.js'
import { datanetDb } from './tables.js'

/**
 * Deletes a datanet from the store with its rows and batches: for a record left by a reset chain (a fresh
 * devnet deploys the registry at the same address and reuses ids), which `syncDatanet` refuses. The chain,
 * where the datanet no longer exists, is untouched. Forgetting a datanet the store does not hold does nothing.
 *
 * @example
 * await forgetDatanet(store, { chainId: 31337, registry, datanetId: 1n })
 * await syncDatanet(connection, store, { datanet: { chainId: 31337, registry, datanetId: 1n } })
 */
export async function forgetDatanet(store: StoreSession, datanet: DatanetRef): Promise<void> {
  const key = datanetKey(datanet)
  await withTransaction(store, async (tx) => {
    const db = datanetDb(tx)
    // Rows first: they reference their batch.
    for (const table of ['datanet_rows', 'datanet_batches', 'datanets'] as const)
      await db
        .deleteFrom(table)
        .where('chain_id', '=', key.chain_id)
        .where('registry', '=', key.registry)
        .where('datanet_id', '=', key.datanet_id)
        .execute()
  })
}
