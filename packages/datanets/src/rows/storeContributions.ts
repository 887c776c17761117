import { type StoreSession, withTransaction } from '@openledger/store'
import { type Address, type Hex, isAddressEqual } from 'viem'
import { DuplicateRowError, RowVanishedError } from '../errors/contribution.js'
import { findRowRecords } from '../store/findRowRecords.js'
import { insertRowRecords } from '../store/insertRowRecords.js'
import { fromRowRecord } from '../store/records.js'
import type { DatanetRowsTable } from '../store/tables.js'
import type { DatanetRow } from '../types.js'

/** What happened to one prepared row: stored anew, already there (same contributor), or held by another. */
export type StoredContribution =
  | { outcome: 'created'; row: DatanetRow }
  | { outcome: 'duplicate'; row: DatanetRow }
  | { outcome: 'conflict'; error: DuplicateRowError }

/**
 * Stores prepared rows in one transaction. A row id already stored, or repeated earlier in `records`, is a
 * duplicate: counted once, never stored twice; when its contributor differs, it is a conflict (the first
 * contributor keeps the row).
 */
export async function storeContributions(
  store: StoreSession,
  records: readonly DatanetRowsTable[],
): Promise<StoredContribution[]> {
  const ids = records.map((r) => r.row_id as Hex)
  return withTransaction(store, async (tx) => {
    const before = await findRowRecords(tx, ids)
    const fresh = new Map<string, DatanetRowsTable>()
    for (const record of records)
      if (!before.has(record.row_id as Hex) && !fresh.has(record.row_id)) fresh.set(record.row_id, record)
    await insertRowRecords(tx, [...fresh.values()])
    const after = await findRowRecords(tx, [...fresh.keys()] as Hex[])
    const claimed = new Set<string>()
    return records.map((record): StoredContribution => {
      const stored = before.get(record.row_id as Hex) ?? after.get(record.row_id as Hex)
      if (!stored) throw new RowVanishedError(record.row_id as Hex, 'storing')
      const contributor = record.contributor as Address
      if (!isAddressEqual(stored.contributor as Address, contributor))
        return {
          outcome: 'conflict',
          error: new DuplicateRowError(record.row_id as Hex, stored.contributor as Address, contributor),
        }
      const created = !before.has(record.row_id as Hex) && !claimed.has(record.row_id)
      claimed.add(record.row_id)
      return { outcome: created ? 'created' : 'duplicate', row: fromRowRecord(stored) }
    })
  })
}
