import type { DatanetRef, DatanetTables } from '@openledger/datanets'
import { type StoreSession, withTransaction } from '@openledger/store'
import { getAddress } from 'viem'

/**
 * Deletes a datanet from the store with its rows and batches: for a record left by a reset chain (a fresh
 * devnet deploys the registry at the same address and reuses ids), which `syncDatanet` refuses. The chain,
 * where the datanet no longer exists, is untouched.
 */
export async function forgetDatanet(store: StoreSession, datanet: DatanetRef): Promise<void> {
  const key = {
    chain_id: datanet.chainId,
    registry: getAddress(datanet.registry),
    datanet_id: datanet.datanetId.toString(),
  }
  await withTransaction(store, async (tx) => {
    const db = tx.db.withTables<DatanetTables>()
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
