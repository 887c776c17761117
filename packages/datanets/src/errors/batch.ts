import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'
import type { DatanetRef, RowStatus } from '../types.js'
import { describeDatanet } from './describeDatanet.js'

/**
 * `commitBatch` found no accepted row that is not committed yet.
 *
 * @example
 * try {
 *   await commitBatch(connection, store, { datanet, account: curator })
 * } catch (error) {
 *   if (error instanceof NothingToCommitError) console.log('up to date')
 * }
 */
export class NothingToCommitError extends BaseError {
  override name = 'NothingToCommitError'
  readonly datanet: DatanetRef

  constructor(datanet: DatanetRef) {
    super(`No accepted, uncommitted rows in ${describeDatanet(datanet)}.`)
    this.datanet = datanet
  }
}

/**
 * The batch's transaction could not be sent or was reverted; its rows stay uncommitted, so `commitBatch`
 * can simply run again. `reason` is the decoded revert (`DatanetRegistry…` error name) or the send error.
 *
 * @example
 * try {
 *   await commitBatch(connection, store, { datanet, account: curator })
 * } catch (error) {
 *   if (error instanceof BatchCommitFailedError) console.error(error.reason)
 * }
 */
export class BatchCommitFailedError extends BaseError {
  override name = 'BatchCommitFailedError'
  readonly root: Hex
  readonly reason: string

  constructor(datanet: DatanetRef, root: Hex, reason: string, cause?: unknown) {
    super(`Committing batch ${root} of ${describeDatanet(datanet)} failed: ${reason}.`, {
      cause,
      metaMessages: ['Its rows stay uncommitted; run commitBatch again once the cause is fixed.'],
    })
    this.root = root
    this.reason = reason
  }
}

/**
 * A proof was asked for a row that is not in a mined batch yet.
 *
 * @example
 * try {
 *   await rowProof(store, rowId)
 * } catch (error) {
 *   if (error instanceof RowNotCommittedError) console.error(error.status)
 * }
 */
export class RowNotCommittedError extends BaseError {
  override name = 'RowNotCommittedError'
  readonly rowId: Hex
  readonly status: RowStatus

  constructor(rowId: Hex, status: RowStatus, pendingBatch: boolean) {
    super(
      pendingBatch
        ? `Row ${rowId} is in a batch whose commit has not been confirmed yet.`
        : `Row ${rowId} is not committed (it is ${status}).`,
      { metaMessages: ['Only accepted rows are committed, by commitBatch.'] },
    )
    this.rowId = rowId
    this.status = status
  }
}
