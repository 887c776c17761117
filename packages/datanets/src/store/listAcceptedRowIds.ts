import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import type { DatanetRef } from '../types.js'
import { datanetKey } from './records.js'
import { datanetDb } from './tables.js'

/** The ids of a datanet's accepted rows, oldest first (ties by id). */
export async function listAcceptedRowIds(store: StoreSession, datanet: DatanetRef): Promise<Hex[]> {
  const key = datanetKey(datanet)
  const rows = await datanetDb(store)
    .selectFrom('datanet_rows')
    .select('row_id')
    .where('chain_id', '=', key.chain_id)
    .where('registry', '=', key.registry)
    .where('datanet_id', '=', key.datanet_id)
    .where('status', '=', 'accepted')
    .orderBy('created_at')
    .orderBy('row_id')
    .execute()
  return rows.map((r) => r.row_id as Hex)
}
