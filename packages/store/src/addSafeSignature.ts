import type { InvalidStoreInputError } from './errors/input.js'
import { SafeSignatureConflictError, SafeTransactionNotFoundError } from './errors/safeTransaction.js'
import { fromSafeSignatureRow } from './internal/safeSignatureRow.js'
import { assertAddress, assertBytes, assertDate, assertHash } from './internal/validate.js'
import type { Address, Hex, SafeSignature, StoreSession } from './types.js'

export type AddSafeSignatureParameters = {
  safeTxHash: Hex
  signer: Address
  /** 65 bytes for an ECDSA signature; longer for contract signatures. Stored as lowercase hex. */
  signature: Hex
  /** Defaults to now. */
  createdAt?: Date | undefined
}

export type AddSafeSignatureReturnType = SafeSignature

export type AddSafeSignatureErrorType =
  | InvalidStoreInputError
  | SafeTransactionNotFoundError
  | SafeSignatureConflictError

/**
 * Records one owner's signature over a stored Safe transaction. Idempotent for the same signer and
 * signature (returns the stored one); a different signature by the same signer throws
 * `SafeSignatureConflictError` and leaves the stored one in place. Unknown transactions throw
 * `SafeTransactionNotFoundError`.
 *
 * @example
 * const signature = await walletClient.signTypedData(safeTxTypedData)
 * await addSafeSignature(store, { safeTxHash, signer: walletClient.account.address, signature })
 */
export async function addSafeSignature(
  store: StoreSession,
  parameters: AddSafeSignatureParameters,
): Promise<AddSafeSignatureReturnType> {
  const { safeTxHash, signer, createdAt = new Date() } = parameters
  assertHash('safeTxHash', safeTxHash)
  assertAddress('signer', signer)
  assertBytes('signature', parameters.signature, 65)
  assertDate('createdAt', createdAt)
  const signature = parameters.signature.toLowerCase()
  const transaction = await store.db
    .selectFrom('safe_transactions')
    .select('safe_tx_hash')
    .where('safe_tx_hash', '=', safeTxHash)
    .executeTakeFirst()
  if (!transaction) throw new SafeTransactionNotFoundError(safeTxHash)
  await store.db
    .insertInto('safe_signatures')
    .values({ safe_tx_hash: safeTxHash, signer, signature, created_at: createdAt.toISOString() })
    .onConflict((conflict) => conflict.columns(['safe_tx_hash', 'signer']).doNothing())
    .execute()
  const stored = await store.db
    .selectFrom('safe_signatures')
    .selectAll()
    .where('safe_tx_hash', '=', safeTxHash)
    .where('signer', '=', signer)
    .executeTakeFirstOrThrow()
  if (stored.signature !== signature) throw new SafeSignatureConflictError(safeTxHash, signer)
  return fromSafeSignatureRow(stored)
}
