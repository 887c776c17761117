import type { InvalidStoreInputError } from './errors/input.js'
import { fromSafeTransactionRow } from './internal/safeTransactionRow.js'
import { assertHash } from './internal/validate.js'
import type { Hex, SafeTransaction, StoreSession } from './types.js'

export type GetSafeTransactionReturnType = SafeTransaction | undefined

export type GetSafeTransactionErrorType = InvalidStoreInputError

/**
 * Reads one Safe transaction by its hash (lowercase 0x hex); `undefined` when the store has none.
 *
 * @example
 * const tx = await getSafeTransaction(store, safeTxHash)
 * if (tx?.status === 'executed') console.log(tx.executedTxHash)
 */
export async function getSafeTransaction(
  store: StoreSession,
  safeTxHash: Hex,
): Promise<GetSafeTransactionReturnType> {
  assertHash('safeTxHash', safeTxHash)
  const row = await store.db
    .selectFrom('safe_transactions')
    .selectAll()
    .where('safe_tx_hash', '=', safeTxHash)
    .executeTakeFirst()
  return row && fromSafeTransactionRow(row)
}
