import type { StoreSession } from '@openledger/store'
import type { DatanetRowsTable } from './tables.js'
import { datanetDb } from './tables.js'

const chunk = 200

/**
 * Inserts rows, leaving any row id already stored untouched (`on conflict do nothing`: concurrent imports of
 * the same content never fail on the key). Callers read back to see who holds each id.
 */
export async function insertRowRecords(
  store: StoreSession,
  records: readonly DatanetRowsTable[],
): Promise<void> {
  for (let start = 0; start < records.length; start += chunk) {
    await datanetDb(store)
      .insertInto('datanet_rows')
      .values(records.slice(start, start + chunk))
      .onConflict((conflict) => conflict.column('row_id').doNothing())
      .execute()
  }
}
