import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

/**
 * A charge on a payer that never authorised charges, or withdrew its authorisation
 * (`FeeRouterChargeNotAuthorized`): its deposit cannot be charged until it calls `authorizeCharges`.
 *
 * @example
 * if (error instanceof ChargeNotAuthorizedError) console.error(`${error.payer} has not authorised charges`)
 */
export class ChargeNotAuthorizedError extends BaseError {
  override name = 'ChargeNotAuthorizedError'
  readonly payer: Address

  constructor(payer: Address, cause?: unknown) {
    super(`${payer} has not authorised charges; it must call authorizeCharges before it can be charged.`, {
      cause,
    })
    this.payer = payer
  }
}

/**
 * A charge above what is left of the payer's cap in the current period (`FeeRouterChargeAboveCap`).
 *
 * @example
 * if (error instanceof ChargeAboveCapError) console.error(error.payer, error.available, error.amount)
 */
export class ChargeAboveCapError extends BaseError {
  override name = 'ChargeAboveCapError'
  readonly payer: Address
  /** What the payer's cap still allows in the current period, OPEN wei. */
  readonly available: bigint
  readonly amount: bigint

  constructor(parameters: { payer: Address; available: bigint; amount: bigint; cause?: unknown }) {
    const { payer, available, amount, cause } = parameters
    super(`${payer}'s charge cap leaves ${available} wei this period, less than the ${amount} wei charged.`, {
      cause,
    })
    this.payer = payer
    this.available = available
    this.amount = amount
  }
}

/**
 * An epoch's charges not sorted by payer address, strictly ascending (`FeeRouterChargesNotSorted`): `index` is
 * the first charge out of order (or a repeated payer).
 *
 * @example
 * if (error instanceof ChargesNotSortedError) console.error(`charge ${error.index} is out of order`)
 */
export class ChargesNotSortedError extends BaseError {
  override name = 'ChargesNotSortedError'
  readonly index: bigint

  constructor(index: bigint, cause?: unknown) {
    super(`Charge ${index} is out of order: charges must be sorted by payer, each payer once.`, { cause })
    this.index = index
  }
}

/**
 * A period of zero or above a year (`FeeRouterInvalidPeriod`): a charge cap's period with a non-zero cap, or
 * a dispute window.
 *
 * @example
 * try {
 *   await authorizeCharges(connection, contracts, { account, perPeriod, period: 0n })
 * } catch (error) {
 *   if (error instanceof InvalidPeriodError) console.error(error.period)
 * }
 */
export class InvalidPeriodError extends BaseError {
  override name = 'InvalidPeriodError'
  /** Seconds. */
  readonly period: bigint

  constructor(period: bigint, cause?: unknown) {
    super(`A period of ${period} seconds is not allowed: it must be 1 second to 365 days.`, { cause })
    this.period = period
  }
}

/**
 * A refund of a vetoed epoch with charges other than those it was posted with (`FeeRouterChargesMismatch`).
 *
 * @example
 * if (error instanceof ChargesMismatchError) console.error(`epoch ${error.epoch} was posted with other charges`)
 */
export class ChargesMismatchError extends BaseError {
  override name = 'ChargesMismatchError'
  readonly epoch: bigint

  constructor(epoch: bigint, cause?: unknown) {
    super(`These charges are not those epoch ${epoch} was posted with.`, { cause })
    this.epoch = epoch
  }
}

/**
 * A refund of an epoch that is not vetoed, or already refunded (`FeeRouterNotRefundable`).
 *
 * @example
 * if (error instanceof NotRefundableError) console.log(`epoch ${error.epoch} has nothing to refund`)
 */
export class NotRefundableError extends BaseError {
  override name = 'NotRefundableError'
  readonly epoch: bigint

  constructor(epoch: bigint, cause?: unknown) {
    super(`Epoch ${epoch} has no charges to refund: it was not vetoed, or was refunded already.`, { cause })
    this.epoch = epoch
  }
}
