import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'

/** An epoch whose posting transaction is not a direct `postEpoch` call, so its arguments cannot be read. */
export class UnverifiablePostError extends BaseError {
  override name = 'UnverifiablePostError'
  constructor(
    readonly epoch: bigint,
    readonly txHash: Hex,
  ) {
    super(`Epoch ${epoch} was posted by transaction ${txHash}, which is not a direct postEpoch call.`, {
      metaMessages: ['Its charges cannot be read from the calldata; compare its EpochPosted totals by hand.'],
    })
  }
}

/** `verifyEpoch` was asked about an epoch FeeRouter never posted. */
export class EpochNotPostedError extends BaseError {
  override name = 'EpochNotPostedError'
  constructor(readonly epoch: bigint) {
    super(`Epoch ${epoch} was never posted on this FeeRouter.`)
  }
}

/** A published epoch (the gateway's `GET /v1/epochs/:epoch`) that is not what it should be. */
export class InvalidPublishedEpochError extends BaseError {
  override name = 'InvalidPublishedEpochError'
  constructor(field: string, reason: string, cause?: unknown) {
    super(`Invalid published epoch: ${field} ${reason}.`, { cause })
  }
}
