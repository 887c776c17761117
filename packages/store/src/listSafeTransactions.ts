import { sql } from 'kysely'
import { InvalidStoreInputError } from './errors/input.js'
import { byteOrder } from './internal/byteOrder.js'
import { fromSafeTransactionRow } from './internal/safeTransactionRow.js'
import { assertAddress, assertChainId } from './internal/validate.js'
import type { Address, SafeTransaction, SafeTransactionStatus, StoreSession } from './types.js'

export type ListSafeTransactionsParameters = {
  safeAddress?: Address | undefined
  chainId?: number | undefined
  status?: SafeTransactionStatus | undefined
  /** Only proposals this address proposed (spelled as stored: checksummed). */
  proposer?: Address | undefined
  /** true: only proposals with at least one signature stored; false: only unsigned ones. */
  signed?: boolean | undefined
}

export type ListSafeTransactionsReturnType = SafeTransaction[]

export type ListSafeTransactionsErrorType = InvalidStoreInputError

/**
 * Lists Safe transactions matching every given filter, by nonce (numerically), then `createdAt`, then hash.
 * Addresses must be spelled as they were stored (checksummed). `signed` tells owners' proposals (signed when
 * proposed) from unsigned requests (an agent asking for more than its allowance).
 *
 * @example
 * const queue = await listSafeTransactions(store, { safeAddress, chainId: 1612, status: 'proposed' })
 * for (const tx of queue) console.log(tx.nonce, tx.description)
 * const requests = await listSafeTransactions(store, { safeAddress, proposer: agent, signed: false })
 */
export async function listSafeTransactions(
  store: StoreSession,
  parameters: ListSafeTransactionsParameters = {},
): Promise<ListSafeTransactionsReturnType> {
  const { safeAddress, chainId, status, proposer, signed } = parameters
  if (safeAddress !== undefined) assertAddress('safeAddress', safeAddress)
  if (proposer !== undefined) assertAddress('proposer', proposer)
  if (chainId !== undefined) assertChainId('chainId', chainId)
  if (status !== undefined && status !== 'proposed' && status !== 'executed')
    throw new InvalidStoreInputError('status', status, "'proposed' or 'executed'")
  let query = store.db.selectFrom('safe_transactions').selectAll()
  if (safeAddress !== undefined) query = query.where('safe_address', '=', safeAddress)
  if (chainId !== undefined) query = query.where('chain_id', '=', chainId)
  if (status !== undefined) query = query.where('status', '=', status)
  if (proposer !== undefined) query = query.where('proposer', '=', proposer)
  if (signed !== undefined)
    query = query.where(({ exists, not, selectFrom }) => {
      const signature = exists(
        selectFrom('safe_signatures')
          .select('signer')
          .whereRef('safe_signatures.safe_tx_hash', '=', 'safe_transactions.safe_tx_hash'),
      )
      return signed ? signature : not(signature)
    })
  const rows = await query
    // Nonces are canonical decimal strings (no leading zeros): shorter is smaller, equal lengths sort as text.
    .orderBy(sql`length(nonce)`)
    .orderBy(byteOrder(store.dialect, 'nonce'))
    .orderBy(byteOrder(store.dialect, 'created_at'))
    .orderBy(byteOrder(store.dialect, 'safe_tx_hash'))
    .execute()
  return rows.map(fromSafeTransactionRow)
}
