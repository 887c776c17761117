import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { RowNotCommittedError } from '../errors/batch.js'
import type { UnknownRowError } from '../errors/review.js'
import { getRow } from '../rows/getRow.js'
import { datanetDb } from '../store/tables.js'
import type { RowProof } from '../types.js'

export type RowProofErrorType = UnknownRowError | RowNotCommittedError

/**
 * A committed row's Merkle proof against its batch root, with everything `verifyRow` takes. Rows not in a
 * mined batch throw `RowNotCommittedError`.
 *
 * @example
 * const proof = await rowProof(store, rowId)
 * await verifyRowOnChain(connection, proof) // true
 */
export async function rowProof(store: StoreSession, rowId: Hex): Promise<RowProof> {
  const row = await getRow(store, rowId)
  if (!row.batch || row.batch.index === null)
    throw new RowNotCommittedError(row.rowId, row.status, row.batch !== null)
  const stored = await datanetDb(store)
    .selectFrom('datanet_rows')
    .select('proof')
    .where('row_id', '=', row.rowId)
    .executeTakeFirstOrThrow()
  return {
    datanet: row.datanet,
    batchIndex: row.batch.index,
    root: row.batch.root,
    rowId: row.rowId,
    contributor: row.contributor,
    contentHash: row.contentHash,
    proof: JSON.parse(stored.proof ?? '[]') as Hex[],
  }
}
