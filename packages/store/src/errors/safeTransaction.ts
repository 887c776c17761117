import { BaseError } from '@openledger/errors'

/**
 * Thrown by `insertSafeTransaction` when a different transaction is already stored under the same hash.
 * `fields` lists what differs.
 *
 * @example
 * try {
 *   await insertSafeTransaction(store, proposal)
 * } catch (error) {
 *   if (error instanceof SafeTransactionConflictError) console.error(error.fields)
 * }
 */
export class SafeTransactionConflictError extends BaseError {
  override name = 'SafeTransactionConflictError'
  readonly safeTxHash: string
  readonly fields: string[]

  constructor(safeTxHash: string, fields: string[]) {
    super(`A different Safe transaction is already stored as ${safeTxHash}.`, {
      metaMessages: [`Differing fields: ${fields.join(', ')}`],
    })
    this.safeTxHash = safeTxHash
    this.fields = fields
  }
}

/**
 * Thrown when a Safe transaction hash is not in the store (signing or executing an unknown transaction).
 *
 * @example
 * try {
 *   await addSafeSignature(store, { safeTxHash, signer, signature })
 * } catch (error) {
 *   if (error instanceof SafeTransactionNotFoundError) console.error('propose it first')
 * }
 */
export class SafeTransactionNotFoundError extends BaseError {
  override name = 'SafeTransactionNotFoundError'
  readonly safeTxHash: string

  constructor(safeTxHash: string) {
    super(`No Safe transaction ${safeTxHash} in the store.`)
    this.safeTxHash = safeTxHash
  }
}

/**
 * Thrown by `markSafeTransactionExecuted` when the transaction is already executed.
 *
 * @example
 * try {
 *   await markSafeTransactionExecuted(store, { safeTxHash, executedTxHash })
 * } catch (error) {
 *   if (error instanceof SafeTransactionAlreadyExecutedError) console.error(error.executedTxHash)
 * }
 */
export class SafeTransactionAlreadyExecutedError extends BaseError {
  override name = 'SafeTransactionAlreadyExecutedError'
  readonly safeTxHash: string
  readonly executedTxHash: string | null

  constructor(safeTxHash: string, executedTxHash: string | null) {
    super(`Safe transaction ${safeTxHash} is already executed.`, {
      metaMessages: executedTxHash ? [`Executed in: ${executedTxHash}`] : undefined,
    })
    this.safeTxHash = safeTxHash
    this.executedTxHash = executedTxHash
  }
}

/**
 * Thrown by `addSafeSignature` when the signer already signed this transaction with a different signature;
 * the stored signature is kept.
 *
 * @example
 * try {
 *   await addSafeSignature(store, { safeTxHash, signer, signature })
 * } catch (error) {
 *   if (error instanceof SafeSignatureConflictError) console.error(error.signer)
 * }
 */
export class SafeSignatureConflictError extends BaseError {
  override name = 'SafeSignatureConflictError'
  readonly safeTxHash: string
  readonly signer: string

  constructor(safeTxHash: string, signer: string) {
    super(`${signer} already signed Safe transaction ${safeTxHash} with a different signature.`)
    this.safeTxHash = safeTxHash
    this.signer = signer
  }
}
