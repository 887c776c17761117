import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import type { RowRecord } from './records.js'
import { selectRows } from './selectRows.js'

const chunk = 500

/** The stored rows among `rowIds`, by id (queried in chunks to stay under parameter limits). */
export async function findRowRecords(
  store: StoreSession,
  rowIds: readonly Hex[],
): Promise<Map<Hex, RowRecord>> {
  const found = new Map<Hex, RowRecord>()
  for (let start = 0; start < rowIds.length; start += chunk) {
    const ids = rowIds.slice(start, start + chunk)
    const records = await selectRows(store).where('datanet_rows.row_id', 'in', ids).execute()
    for (const record of records) found.set(record.row_id as Hex, record)
  }
  return found
}
