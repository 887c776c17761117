import { BaseError } from '@openledger/errors'

/**
 * Thrown by the store's functions when an argument has the wrong shape (a hash that is not 32 bytes of
 * lowercase hex, an address that is not 20 bytes, a negative amount...). `field` names the argument.
 *
 * @example
 * try {
 *   await getSafeTransaction(store, '0x1234')
 * } catch (error) {
 *   if (error instanceof InvalidStoreInputError) console.error(error.field) // 'safeTxHash'
 * }
 */
export class InvalidStoreInputError extends BaseError {
  override name = 'InvalidStoreInputError'
  readonly field: string

  constructor(field: string, value: unknown, expected: string) {
    super(`Invalid ${field}: ${preview(value)}.`, { metaMessages: [`Expected ${expected}.`] })
    this.field = field
  }
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
