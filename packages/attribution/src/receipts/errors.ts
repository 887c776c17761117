import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'

export class InvalidReceiptError extends BaseError {
  override name = 'InvalidReceiptError'
  /** The path of the field that failed, e.g. `contributions.2.rowId`. */
  readonly field: string
  constructor(field: string, reason: string) {
    super(`Invalid receipt: ${field} ${reason}.`)
    this.field = field
  }
}

export class ReceiptIdMismatchError extends BaseError {
  override name = 'ReceiptIdMismatchError'
  constructor(stated: Hex, computed: Hex) {
    super(`Receipt states id ${stated} but its content hashes to ${computed}.`, {
      metaMessages: [
        'The receipt was altered after it was issued, or it was issued by another encoding version.',
      ],
    })
  }
}
