import type { StoreSession } from '@openledger/store'
import { datanetDb } from './tables.js'

/** Rows with the index of their batch once it is mined (`committed_index`), ready for `fromRowRecord`. */
export function selectRows(store: StoreSession) {
  return datanetDb(store)
    .selectFrom('datanet_rows')
    .leftJoin('datanet_batches', (join) =>
      join
        .onRef('datanet_batches.root', '=', 'datanet_rows.batch_root')
        .on('datanet_batches.status', '=', 'committed'),
    )
    .selectAll('datanet_rows')
    .select('datanet_batches.batch_index as committed_index')
}
