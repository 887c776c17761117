import type { InvalidStoreInputError } from './errors/input.js'
import {
  SafeTransactionAlreadyExecutedError,
  SafeTransactionNotFoundError,
} from './errors/safeTransaction.js'
import { fromSafeTransactionRow } from './internal/safeTransactionRow.js'
import { assertDate, assertHash } from './internal/validate.js'
import type { Hex, SafeTransaction, StoreSession } from './types.js'

export type MarkSafeTransactionExecutedParameters = {
  safeTxHash: Hex
  /** The hash of the on-chain transaction that executed it. */
  executedTxHash: Hex
  /** Defaults to now. */
  executedAt?: Date | undefined
}

export type MarkSafeTransactionExecutedReturnType = SafeTransaction

export type MarkSafeTransactionExecutedErrorType =
  | InvalidStoreInputError
  | SafeTransactionNotFoundError
  | SafeTransactionAlreadyExecutedError

/**
 * Moves a Safe transaction from 'proposed' to 'executed', once: a second call throws
 * `SafeTransactionAlreadyExecutedError` (even with the same `executedTxHash`), an unknown hash
 * `SafeTransactionNotFoundError`. The update is conditional on the status, so two racing callers cannot
 * both succeed.
 *
 * @example
 * const receipt = await publicClient.waitForTransactionReceipt({ hash })
 * await markSafeTransactionExecuted(store, { safeTxHash, executedTxHash: receipt.transactionHash })
 */
export async function markSafeTransactionExecuted(
  store: StoreSession,
  parameters: MarkSafeTransactionExecutedParameters,
): Promise<MarkSafeTransactionExecutedReturnType> {
  const { safeTxHash, executedTxHash, executedAt = new Date() } = parameters
  assertHash('safeTxHash', safeTxHash)
  assertHash('executedTxHash', executedTxHash)
  assertDate('executedAt', executedAt)
  const updated = await store.db
    .updateTable('safe_transactions')
    .set({ status: 'executed', executed_tx_hash: executedTxHash, executed_at: executedAt.toISOString() })
    .where('safe_tx_hash', '=', safeTxHash)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  const row = await store.db
    .selectFrom('safe_transactions')
    .selectAll()
    .where('safe_tx_hash', '=', safeTxHash)
    .executeTakeFirst()
  if (!row) throw new SafeTransactionNotFoundError(safeTxHash)
  if (updated.numUpdatedRows === 0n)
    throw new SafeTransactionAlreadyExecutedError(safeTxHash, row.executed_tx_hash)
  return fromSafeTransactionRow(row)
}
