import type { InvalidStoreInputError } from './errors/input.js'
import { assertAddress, assertChainId } from './internal/validate.js'
import type { Address, StoreSession } from './types.js'
import { withTransaction } from './withTransaction.js'

export type DeleteSafeTransactionsParameters = {
  chainId: number
  /** Only this Safe's proposals; all of the chain's when absent. */
  safeAddress?: Address | undefined
}

export type DeleteSafeTransactionsErrorType = InvalidStoreInputError

/**
 * Forgets a chain's Safe proposals and their signatures, in one transaction: for a devnet that was reset,
 * whose old proposals describe a chain that no longer exists. Returns how many proposals were removed.
 *
 * @example
 * await deleteSafeTransactions(store, { chainId: 31337, safeAddress })
 */
export async function deleteSafeTransactions(
  store: StoreSession,
  parameters: DeleteSafeTransactionsParameters,
): Promise<number> {
  const { chainId, safeAddress } = parameters
  assertChainId('chainId', chainId)
  if (safeAddress !== undefined) assertAddress('safeAddress', safeAddress)
  return withTransaction(store, async (tx) => {
    let selected = tx.db
      .selectFrom('safe_transactions')
      .select('safe_tx_hash')
      .where('chain_id', '=', chainId)
    if (safeAddress !== undefined) selected = selected.where('safe_address', '=', safeAddress)
    await tx.db.deleteFrom('safe_signatures').where('safe_tx_hash', 'in', selected).execute()
    let deleted = tx.db.deleteFrom('safe_transactions').where('chain_id', '=', chainId)
    if (safeAddress !== undefined) deleted = deleted.where('safe_address', '=', safeAddress)
    const result = await deleted.executeTakeFirst()
    return Number(result.numDeletedRows)
  })
}
