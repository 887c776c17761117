import type { StoreSession } from '@openledger/store'
import type { Datanet, DatanetRef } from '../types.js'
import { datanetKey, fromDatanetRecord } from './records.js'
import { datanetDb } from './tables.js'

/** The store's record of a datanet, or undefined. */
export async function findDatanet(store: StoreSession, datanet: DatanetRef): Promise<Datanet | undefined> {
  const key = datanetKey(datanet)
  const record = await datanetDb(store)
    .selectFrom('datanets')
    .selectAll()
    .where('chain_id', '=', key.chain_id)
    .where('registry', '=', key.registry)
    .where('datanet_id', '=', key.datanet_id)
    .executeTakeFirst()
  return record && fromDatanetRecord(record)
}
