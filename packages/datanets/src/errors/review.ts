import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'
import type { DatanetRef, RowStatus } from '../types.js'
import { describeDatanet } from './describeDatanet.js'

/**
 * A row id that is not in the store.
 *
 * @example
 * try {
 *   await rowProof(store, rowId)
 * } catch (error) {
 *   if (error instanceof UnknownRowError) console.error(error.rowId)
 * }
 */
export class UnknownRowError extends BaseError {
  override name = 'UnknownRowError'
  readonly rowId: Hex

  constructor(rowId: Hex) {
    super(`No datanet row ${rowId} in the store.`)
    this.rowId = rowId
  }
}

/**
 * Someone other than the datanet's on-chain curator tried to review or commit.
 *
 * @example
 * try {
 *   await reviewRow(connection, store, { rowId, curator: stranger, decision: 'accepted' })
 * } catch (error) {
 *   if (error instanceof NotCuratorError) console.error(`the curator is ${error.curator}`)
 * }
 */
export class NotCuratorError extends BaseError {
  override name = 'NotCuratorError'
  readonly caller: Address
  readonly curator: Address

  constructor(datanet: DatanetRef, caller: Address, curator: Address) {
    super(`${caller} is not the curator of ${describeDatanet(datanet)}; ${curator} is.`)
    this.caller = caller
    this.curator = curator
  }
}

/**
 * A rejection without a reason (contributors are owed one).
 *
 * @example
 * try {
 *   await reviewRow(connection, store, { rowId, curator, decision: 'rejected', reason: '' })
 * } catch (error) {
 *   if (error instanceof ReviewReasonRequiredError) console.error('say why')
 * }
 */
export class ReviewReasonRequiredError extends BaseError {
  override name = 'ReviewReasonRequiredError'
  readonly rowId: Hex

  constructor(rowId: Hex) {
    super(`Rejecting row ${rowId} needs a reason.`)
    this.rowId = rowId
  }
}

/**
 * A row that was already accepted or rejected: a review is final.
 *
 * @example
 * try {
 *   await reviewRow(connection, store, { rowId, curator, decision: 'accepted' })
 * } catch (error) {
 *   if (error instanceof RowAlreadyReviewedError) console.error(error.status)
 * }
 */
export class RowAlreadyReviewedError extends BaseError {
  override name = 'RowAlreadyReviewedError'
  readonly rowId: Hex
  readonly status: RowStatus

  constructor(rowId: Hex, status: RowStatus) {
    super(`Row ${rowId} is already ${status}; a review is final.`)
    this.rowId = rowId
    this.status = status
  }
}
