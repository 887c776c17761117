import type { StoreSession } from '@openledger/store'
import { type Hex, isHex } from 'viem'
import { InvalidRowInputError } from '../errors/contribution.js'
import { UnknownRowError } from '../errors/review.js'
import { findRowRecords } from '../store/findRowRecords.js'
import { fromRowRecord } from '../store/records.js'
import type { DatanetRow } from '../types.js'

/**
 * A row by id; `UnknownRowError` when the store has none, `InvalidRowInputError` for a malformed id.
 *
 * @example
 * const row = await getRow(store, rowId)
 * console.log(row.status, row.contributor)
 */
export async function getRow(store: StoreSession, rowId: Hex): Promise<DatanetRow> {
  if (!isHex(rowId) || rowId.length !== 66)
    throw new InvalidRowInputError('rowId', rowId, 'a 32-byte hash in hex')
  const id = rowId.toLowerCase() as Hex
  const record = (await findRowRecords(store, [id])).get(id)
  if (!record) throw new UnknownRowError(rowId)
  return fromRowRecord(record)
}
