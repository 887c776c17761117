import type { StoreSession } from '@openledger/store'
import { datanetKey, fromRowRecord } from '../store/records.js'
import { selectRows } from '../store/selectRows.js'
import type { DatanetRef, DatanetRow, RowStatus } from '../types.js'

export type ListRowsParameters = {
  datanet: DatanetRef
  status?: RowStatus | undefined
  /** true: only rows in a mined batch; false: only rows in none (pending batches count as none). */
  committed?: boolean | undefined
  /** Default 1,000. */
  limit?: number | undefined
  offset?: number | undefined
}

/**
 * A datanet's rows, oldest first (ties by row id), optionally by status and commitment.
 *
 * @example
 * const pending = await listRows(store, { datanet, status: 'pending' })
 */
export async function listRows(store: StoreSession, parameters: ListRowsParameters): Promise<DatanetRow[]> {
  const { datanet, status, committed, limit = 1_000, offset = 0 } = parameters
  const key = datanetKey(datanet)
  let query = selectRows(store)
    .where('datanet_rows.chain_id', '=', key.chain_id)
    .where('datanet_rows.registry', '=', key.registry)
    .where('datanet_rows.datanet_id', '=', key.datanet_id)
  if (status) query = query.where('datanet_rows.status', '=', status)
  if (committed === true) query = query.where('datanet_batches.batch_index', 'is not', null)
  if (committed === false) query = query.where('datanet_batches.batch_index', 'is', null)
  const records = await query
    .orderBy('datanet_rows.created_at')
    .orderBy('datanet_rows.row_id')
    .limit(limit)
    .offset(offset)
    .execute()
  return records.map(fromRowRecord)
}
