import type { InvalidStoreInputError } from './errors/input.js'
import { SafeTransactionConflictError } from './errors/safeTransaction.js'
import { assertNewSafeTransaction } from './internal/assertNewSafeTransaction.js'
import {
  differingProposalFields,
  fromSafeTransactionRow,
  toSafeTransactionRow,
} from './internal/safeTransactionRow.js'
import type { NewSafeTransaction, SafeTransaction, SafeTransactionsTable, StoreSession } from './types.js'

export type InsertSafeTransactionReturnType = SafeTransaction

export type InsertSafeTransactionErrorType = InvalidStoreInputError | SafeTransactionConflictError

/**
 * Stores a proposed Safe transaction (status 'proposed'). Idempotent: inserting the same proposal again is a
 * no-op that returns the stored row (with its original `createdAt`, and its status if it has since been
 * executed). A different proposal under the same hash throws `SafeTransactionConflictError`.
 *
 * @example
 * const tx = await insertSafeTransaction(store, {
 *   safeTxHash,
 *   chainId: 1612,
 *   safeAddress,
 *   to: recipient,
 *   value: 10n ** 18n,
 *   data: '0x',
 *   operation: 0,
 *   nonce: 7n,
 *   safeTxGas: 0n,
 *   baseGas: 0n,
 *   gasPrice: 0n,
 *   gasToken: zeroAddress,
 *   refundReceiver: zeroAddress,
 *   description: 'Pay the index build',
 *   proposer: owner,
 * })
 */
export async function insertSafeTransaction(
  store: StoreSession,
  transaction: NewSafeTransaction,
): Promise<InsertSafeTransactionReturnType> {
  assertNewSafeTransaction(transaction)
  const row = toSafeTransactionRow(transaction, transaction.createdAt ?? new Date())
  // `on conflict do nothing` rather than read-then-write: two concurrent proposals of the same hash both
  // succeed, and neither sees a unique violation.
  await store.db
    .insertInto('safe_transactions')
    .values(row)
    .onConflict((conflict) => conflict.column('safe_tx_hash').doNothing())
    .execute()
  const stored: SafeTransactionsTable = await store.db
    .selectFrom('safe_transactions')
    .selectAll()
    .where('safe_tx_hash', '=', row.safe_tx_hash)
    .executeTakeFirstOrThrow()
  const differing = differingProposalFields(stored, row)
  if (differing.length > 0) throw new SafeTransactionConflictError(row.safe_tx_hash, differing.map(camelCase))
  return fromSafeTransactionRow(stored)
}

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
