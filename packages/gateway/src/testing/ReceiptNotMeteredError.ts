import { BaseError } from '@openledger/errors'

/** A test waited for the settlement worker to meter a receipt, and it did not in time. */
export class ReceiptNotMeteredError extends BaseError {
  override name = 'ReceiptNotMeteredError'
  constructor(
    readonly receiptId: string,
    readonly timeoutMs: number,
  ) {
    super(`receipt ${receiptId} was not metered within ${timeoutMs} ms`)
  }
}
