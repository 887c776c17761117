import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'

export class InvalidEpochInputError extends BaseError {
  override name = 'InvalidEpochInputError'
  constructor(reason: string) {
    super(`Invalid epoch input: ${reason}.`)
  }
}

export class EmptyEpochError extends BaseError {
  override name = 'EmptyEpochError'
  constructor(epoch: bigint) {
    super(`Epoch ${epoch} has no receipts.`, { metaMessages: ['Skip settling an epoch with nothing in it.'] })
  }
}

export class DuplicateReceiptError extends BaseError {
  override name = 'DuplicateReceiptError'
  constructor(id: Hex) {
    super(`Receipt ${id} appears twice in the epoch.`, {
      metaMessages: ['Receipts are settled once: deduplicate by receipt id before building the epoch.'],
    })
  }
}

export class UnknownReceiptError extends BaseError {
  override name = 'UnknownReceiptError'
  constructor(epoch: bigint, id: Hex) {
    super(`Receipt ${id} is not in epoch ${epoch}.`)
  }
}

export class UnknownPayoutAccountError extends BaseError {
  override name = 'UnknownPayoutAccountError'
  constructor(epoch: bigint, account: Address) {
    super(`${account} is not paid in epoch ${epoch}.`)
  }
}

export class EpochAccountingError extends BaseError {
  override name = 'EpochAccountingError'
  constructor(pool: bigint, paid: bigint, remainder: bigint) {
    super(
      `Epoch accounting does not balance: pool ${pool} ≠ paid ${paid} + treasury remainder ${remainder}.`,
      {
        metaMessages: ['This is a bug in the epoch builder; nothing was settled.'],
      },
    )
  }
}
