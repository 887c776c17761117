import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'

/** A usage job or a `recordUsage` call whose input is not a receipt the ledger can meter. */
export class InvalidUsageError extends BaseError {
  override name = 'InvalidUsageError'
  constructor(reason: string, cause?: unknown) {
    super(`Invalid usage: ${reason}.`, { cause })
  }
}

/** The same receipt id was metered before with different content (or a different on-chain agent). */
export class ReceiptConflictError extends BaseError {
  override name = 'ReceiptConflictError'
  constructor(readonly receiptId: Hex) {
    super(`Receipt ${receiptId} was already metered with different content.`, {
      metaMessages: [
        'A receipt id hashes the whole receipt, so this ledger holds a corrupted or forged row.',
      ],
    })
  }
}

/** The ledger and the chain disagree about a settled epoch: nothing is sent until an operator looks. */
export class LedgerDivergedError extends BaseError {
  override name = 'LedgerDivergedError'
  constructor(
    readonly epoch: bigint,
    reason: string,
  ) {
    super(`The ledger and the chain disagree about epoch ${epoch}: ${reason}.`, {
      metaMessages: [
        'Another settler may have settled this FeeRouter, or the ledger belongs to another deployment.',
        'Settlement stops here rather than guess; compare the ledger with FeeRouter.receiptsRootOf.',
      ],
    })
  }
}

/** Input to `planSettlement` that cannot be settled. */
export class InvalidSettlementInputError extends BaseError {
  override name = 'InvalidSettlementInputError'
  constructor(reason: string) {
    super(`Invalid settlement input: ${reason}.`)
  }
}
