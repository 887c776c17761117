import type { ChainConnection } from '@openledger/chain'
import type { StoreSession } from '@openledger/store'
import { type Account, type Hex, isAddressEqual } from 'viem'
import { accountOf } from '../datanets/accountOf.js'
import { readDatanetOnChain } from '../datanets/readDatanetOnChain.js'
import { BatchCommitFailedError, NothingToCommitError } from '../errors/batch.js'
import type { UnknownDatanetError } from '../errors/datanet.js'
import { NotCuratorError } from '../errors/review.js'
import { findPendingBatch } from '../store/findPendingBatch.js'
import { releaseBatch } from '../store/releaseBatch.js'
import { reserveBatch } from '../store/reserveBatch.js'
import { datanetDb } from '../store/tables.js'
import { updateBatch } from '../store/updateBatch.js'
import type { DatanetRef } from '../types.js'
import { awaitSentBatch } from './awaitSentBatch.js'
import { findCommittedBatch } from './findCommittedBatch.js'
import { sendBatch } from './sendBatch.js'

export type CommitBatchParameters = {
  datanet: DatanetRef
  /** The datanet's curator (an account or its private key): sends and pays for the transaction. */
  account: Account | Hex
  /** Where the batch's rows can be fetched (stored on-chain with the root); default ''. */
  uri?: string | undefined
}

export type CommitBatchReturnType = {
  datanet: DatanetRef
  batchIndex: number
  root: Hex
  rowCount: number
  rowIds: Hex[]
  /** The commit transaction; null when an interrupted earlier attempt had committed it and left no hash. */
  txHash: Hex | null
  /** True when this call finished a commit an earlier, interrupted call had started. */
  resumed: boolean
}

export type CommitBatchErrorType =
  | UnknownDatanetError
  | NotCuratorError
  | NothingToCommitError
  | BatchCommitFailedError

/**
 * Commits every accepted, uncommitted row of a datanet on-chain as one batch: a StandardMerkleTree over
 * `(rowId, contributor, contentHash)` leaves, sent as `commitBatch(datanetId, root, rowCount, uri)`; once
 * mined, the batch index is stored with the root and every row's proof (`rowProof`).
 *
 * Safe to retry. The batch is written ahead as pending (rows, root and proofs in one store transaction)
 * before anything is sent. A commit that fails (simulation revert, send error, reverted transaction) releases
 * the rows, uncommitted, and throws `BatchCommitFailedError`. An interrupted one (crash, lost RPC) is resumed
 * by the next call: it waits for the transaction it had sent, or finds the root already on-chain, or sends
 * it again, so the rows of a pending batch are committed exactly once.
 *
 * @example
 * const { batchIndex, root, rowCount } = await commitBatch(connection, store, { datanet, account: curatorKey })
 */
export async function commitBatch(
  connection: ChainConnection,
  store: StoreSession,
  parameters: CommitBatchParameters,
): Promise<CommitBatchReturnType> {
  const { datanet } = parameters
  const account = accountOf(parameters.account)
  const { curator } = await readDatanetOnChain(connection, datanet)
  if (!isAddressEqual(curator, account.address)) throw new NotCuratorError(datanet, account.address, curator)

  let batch = await findPendingBatch(store, datanet)
  const resumed = batch !== undefined
  if (batch?.tx_hash) {
    const sent = await awaitSentBatch(connection, batch.tx_hash as Hex)
    if (sent.state === 'mined') return confirm(batch.root as Hex, sent.batchIndex, batch.tx_hash as Hex)
  }
  if (batch) {
    const index = await findCommittedBatch(connection, datanet, batch.root as Hex)
    if (index !== undefined) return confirm(batch.root as Hex, index, null)
  } else {
    batch = await reserveBatch(store, datanet, parameters.uri ?? '')
    if (!batch) throw new NothingToCommitError(datanet)
  }

  const root = batch.root as Hex
  const sent = await sendBatch(
    connection,
    account,
    { datanet, root, rowCount: batch.row_count, uri: batch.uri },
    (txHash) => updateBatch(store, root, { tx_hash: txHash }),
  )
  if (sent.outcome === 'mined') return confirm(root, sent.batchIndex, sent.txHash)
  // Failed or refused as already committed: the root may be on-chain through another transaction.
  const index = await findCommittedBatch(connection, datanet, root)
  if (index !== undefined) return confirm(root, index, null)
  await releaseBatch(store, root)
  throw new BatchCommitFailedError(
    datanet,
    root,
    sent.outcome === 'failed'
      ? sent.reason
      : 'the registry reports the root committed, but no batch holds it',
    sent.outcome === 'failed' ? sent.cause : undefined,
  )

  async function confirm(root: Hex, batchIndex: number, txHash: Hex | null): Promise<CommitBatchReturnType> {
    await updateBatch(store, root, {
      status: 'committed',
      batch_index: batchIndex,
      ...(txHash ? { tx_hash: txHash } : {}),
      committed_at: new Date().toISOString(),
    })
    const rows = await datanetDb(store)
      .selectFrom('datanet_rows')
      .select('row_id')
      .where('batch_root', '=', root)
      .orderBy('created_at')
      .orderBy('row_id')
      .execute()
    const rowIds = rows.map((r) => r.row_id as Hex)
    return { datanet, batchIndex, root, rowCount: rowIds.length, rowIds, txHash, resumed }
  }
}
