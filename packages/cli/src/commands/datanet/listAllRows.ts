import { type DatanetRef, type DatanetRow, listRows, type RowStatus } from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'

const page = 1_000

/** Every row of a datanet (oldest first), optionally by status: `listRows` page by page. */
export async function listAllRows(
  store: StoreSession,
  datanet: DatanetRef,
  status?: RowStatus,
): Promise<DatanetRow[]> {
  const rows: DatanetRow[] = []
  for (;;) {
    const batch = await listRows(store, { datanet, status, limit: page, offset: rows.length })
    rows.push(...batch)
    if (batch.length < page) return rows
  }
}
