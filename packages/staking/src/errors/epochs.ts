import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

const dateOf = (seconds: bigint) => new Date(Number(seconds) * 1000)

/**
 * A settler posting with a bond below FeeRouter's `minSettlerBond` (`FeeRouterBondTooLow`).
 *
 * @example
 * if (error instanceof BondTooLowError) await depositSettlerBond(connection, contracts, {
 *   account,
 *   amount: error.minimum - error.bond,
 * })
 */
export class BondTooLowError extends BaseError {
  override name = 'BondTooLowError'
  readonly settler: Address
  readonly bond: bigint
  readonly minimum: bigint

  constructor(parameters: { settler: Address; bond: bigint; minimum: bigint; cause?: unknown }) {
    const { settler, bond, minimum, cause } = parameters
    super(`${settler}'s settler bond is ${bond} wei, below the minimum of ${minimum} wei.`, { cause })
    this.settler = settler
    this.bond = bond
    this.minimum = minimum
  }
}

/**
 * A settler withdrawing its bond while an epoch it posted is pending (`FeeRouterBondLocked`).
 *
 * @example
 * if (error instanceof BondLockedError) console.error(`wait for epoch ${error.pendingEpoch} to finalise`)
 */
export class BondLockedError extends BaseError {
  override name = 'BondLockedError'
  readonly settler: Address
  readonly pendingEpoch: bigint

  constructor(parameters: { settler: Address; pendingEpoch: bigint; cause?: unknown }) {
    const { settler, pendingEpoch, cause } = parameters
    super(`${settler}'s bond is locked while its epoch ${pendingEpoch} is pending.`, { cause })
    this.settler = settler
    this.pendingEpoch = pendingEpoch
  }
}

/**
 * Posting an epoch while another is pending (`FeeRouterEpochPending`): it must be finalised or vetoed first.
 *
 * @example
 * if (error instanceof EpochPendingError) console.log(`epoch ${error.pending} is still pending`)
 */
export class EpochPendingError extends BaseError {
  override name = 'EpochPendingError'
  readonly pending: bigint

  constructor(pending: bigint, cause?: unknown) {
    super(`Epoch ${pending} is pending: finalise or veto it before posting another.`, { cause })
    this.pending = pending
  }
}

/**
 * Finalising or vetoing an epoch that is not the pending one (`FeeRouterNotPending`).
 *
 * @example
 * if (error instanceof NotPendingError) console.log(`epoch ${error.epoch} is not pending`)
 */
export class NotPendingError extends BaseError {
  override name = 'NotPendingError'
  readonly epoch: bigint

  constructor(epoch: bigint, cause?: unknown) {
    super(`Epoch ${epoch} is not the pending epoch.`, { cause })
    this.epoch = epoch
  }
}

/**
 * Finalising an epoch before its dispute window has passed (`FeeRouterDisputeWindowOpen`).
 *
 * @example
 * if (error instanceof DisputeWindowOpenError) console.log(`finalise after ${error.finalizesAt.toISOString()}`)
 */
export class DisputeWindowOpenError extends BaseError {
  override name = 'DisputeWindowOpenError'
  readonly epoch: bigint
  readonly finalizesAt: Date

  constructor(parameters: { epoch: bigint; finalizesAt: bigint; cause?: unknown }) {
    const { epoch, cause } = parameters
    const finalizesAt = dateOf(parameters.finalizesAt)
    super(
      `Epoch ${epoch}'s dispute window is open until ${finalizesAt.toISOString()}; finalise it after then.`,
      {
        cause,
      },
    )
    this.epoch = epoch
    this.finalizesAt = finalizesAt
  }
}

/**
 * Vetoing an epoch after its dispute window has passed (`FeeRouterDisputeWindowClosed`).
 *
 * @example
 * if (error instanceof DisputeWindowClosedError) console.error(`too late: closed at ${error.finalizesAt.toISOString()}`)
 */
export class DisputeWindowClosedError extends BaseError {
  override name = 'DisputeWindowClosedError'
  readonly epoch: bigint
  readonly finalizesAt: Date

  constructor(parameters: { epoch: bigint; finalizesAt: bigint; cause?: unknown }) {
    const { epoch, cause } = parameters
    const finalizesAt = dateOf(parameters.finalizesAt)
    super(
      `Epoch ${epoch}'s dispute window closed at ${finalizesAt.toISOString()}; it can no longer be vetoed.`,
      {
        cause,
      },
    )
    this.epoch = epoch
    this.finalizesAt = finalizesAt
  }
}

/**
 * Finalising an epoch with agents or adapter creators other than those it was posted with
 * (`FeeRouterRoutingMismatch`).
 *
 * @example
 * if (error instanceof RoutingMismatchError) console.error(`epoch ${error.epoch} was posted with another routing`)
 */
export class RoutingMismatchError extends BaseError {
  override name = 'RoutingMismatchError'
  readonly epoch: bigint

  constructor(epoch: bigint, cause?: unknown) {
    super(`These agents and adapter creators are not those epoch ${epoch} was posted with.`, { cause })
    this.epoch = epoch
  }
}

/**
 * Claiming from an epoch that is not final: pending, vetoed or never posted (`FeeRouterEpochNotFinal`).
 *
 * @example
 * if (error instanceof EpochNotFinalError) console.log(`epoch ${error.epoch} is not final yet`)
 */
export class EpochNotFinalError extends BaseError {
  override name = 'EpochNotFinalError'
  readonly epoch: bigint

  constructor(epoch: bigint, cause?: unknown) {
    super(`Epoch ${epoch} is not final: nothing can be claimed from it.`, { cause })
    this.epoch = epoch
  }
}
