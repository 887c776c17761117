import type { InvalidStoreInputError } from './errors/input.js'
import { byteOrder } from './internal/byteOrder.js'
import { fromSafeSignatureRow } from './internal/safeSignatureRow.js'
import { assertHash } from './internal/validate.js'
import type { Hex, SafeSignature, StoreSession } from './types.js'

export type ListSafeSignaturesReturnType = SafeSignature[]

export type ListSafeSignaturesErrorType = InvalidStoreInputError

/**
 * Lists the signatures over one Safe transaction, oldest first, ties by signer (byte order, so the same on
 * SQLite and PostgreSQL). An unknown hash gives an empty list.
 *
 * @example
 * const signatures = await listSafeSignatures(store, safeTxHash)
 * const ready = signatures.length >= threshold
 */
export async function listSafeSignatures(
  store: StoreSession,
  safeTxHash: Hex,
): Promise<ListSafeSignaturesReturnType> {
  assertHash('safeTxHash', safeTxHash)
  const rows = await store.db
    .selectFrom('safe_signatures')
    .selectAll()
    .where('safe_tx_hash', '=', safeTxHash)
    .orderBy(byteOrder(store.dialect, 'created_at'))
    .orderBy(byteOrder(store.dialect, 'signer'))
    .execute()
  return rows.map(fromSafeSignatureRow)
}
