import type { ChainConnection } from '@openledger/chain'
import type { StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import { readDatanetOnChain } from '../datanets/readDatanetOnChain.js'
import type { UnknownDatanetError } from '../errors/datanet.js'
import {
  NotCuratorError,
  ReviewReasonRequiredError,
  RowAlreadyReviewedError,
  type UnknownRowError,
} from '../errors/review.js'
import { datanetDb } from '../store/tables.js'
import type { DatanetRow } from '../types.js'
import { getRow } from './getRow.js'

export type ReviewRowParameters = {
  rowId: Hex
  /** Who reviews: must be the datanet's curator on-chain now. Authenticating them is the caller's job. */
  curator: Address
  decision: 'accepted' | 'rejected'
  /** Required to reject (the contributor is owed one); optional to accept. */
  reason?: string | undefined
}

export type ReviewRowErrorType =
  | UnknownRowError
  | ReviewReasonRequiredError
  | UnknownDatanetError
  | NotCuratorError
  | RowAlreadyReviewedError

/**
 * The curator accepts or rejects a pending row, once. Only the datanet's curator as the registry records it
 * (read from the chain, so a `setCurator` hand-over applies at once) may review; a rejection needs a reason;
 * a reviewed row cannot be reviewed again (`RowAlreadyReviewedError`, also when two reviews race).
 *
 * @example
 * await reviewRow(connection, store, { rowId, curator: curator.address, decision: 'accepted' })
 * await reviewRow(connection, store, { rowId: spam, curator: curator.address, decision: 'rejected', reason: 'spam' })
 */
export async function reviewRow(
  connection: ChainConnection,
  store: StoreSession,
  parameters: ReviewRowParameters,
): Promise<DatanetRow> {
  const { rowId, decision } = parameters
  const reason = parameters.reason?.trim() || null
  const row = await getRow(store, rowId)
  if (decision === 'rejected' && reason === null) throw new ReviewReasonRequiredError(row.rowId)
  const { curator } = await readDatanetOnChain(connection, row.datanet)
  if (!isAddressEqual(curator, parameters.curator))
    throw new NotCuratorError(row.datanet, getAddress(parameters.curator), curator)
  if (row.status !== 'pending') throw new RowAlreadyReviewedError(row.rowId, row.status)
  const { numUpdatedRows } = await datanetDb(store)
    .updateTable('datanet_rows')
    .set({
      status: decision,
      review_reason: reason,
      reviewed_by: curator,
      reviewed_at: new Date().toISOString(),
    })
    .where('row_id', '=', row.rowId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  const reviewed = await getRow(store, row.rowId)
  if (numUpdatedRows === 0n) throw new RowAlreadyReviewedError(row.rowId, reviewed.status)
  return reviewed
}
