import type { Address } from 'viem'
import {
  ChargeAboveCapError,
  ChargeNotAuthorizedError,
  ChargesMismatchError,
  ChargesNotSortedError,
  InvalidPeriodError,
  NotRefundableError,
} from '../errors/charges.js'
import { AlreadyClaimedError, InvalidProofError, UnderfundedError } from '../errors/claims.js'
import {
  BondLockedError,
  BondTooLowError,
  DisputeWindowClosedError,
  DisputeWindowOpenError,
  EpochNotFinalError,
  EpochPendingError,
  NotPendingError,
  RoutingMismatchError,
} from '../errors/epochs.js'

/**
 * The typed error of a FeeRouter revert about charge caps, settler bonds, pending epochs and per-epoch claims
 * (`toStakingError` handles the rest); undefined for any other error name.
 */
export function feeRouterError(
  errorName: string,
  args: readonly unknown[],
  cause: unknown,
): Error | undefined {
  const big = (i: number) => args[i] as bigint
  const address = (i: number) => args[i] as Address
  switch (errorName) {
    case 'FeeRouterChargeNotAuthorized':
      return new ChargeNotAuthorizedError(address(0), cause)
    case 'FeeRouterChargeAboveCap':
      return new ChargeAboveCapError({ payer: address(0), available: big(1), amount: big(2), cause })
    case 'FeeRouterChargesNotSorted':
      return new ChargesNotSortedError(big(0), cause)
    case 'FeeRouterInvalidPeriod':
      return new InvalidPeriodError(big(0), cause)
    case 'FeeRouterChargesMismatch':
      return new ChargesMismatchError(big(0), cause)
    case 'FeeRouterNotRefundable':
      return new NotRefundableError(big(0), cause)
    case 'FeeRouterBondTooLow':
      return new BondTooLowError({ settler: address(0), bond: big(1), minimum: big(2), cause })
    case 'FeeRouterBondLocked':
      return new BondLockedError({ settler: address(0), pendingEpoch: big(1), cause })
    case 'FeeRouterEpochPending':
      return new EpochPendingError(big(0), cause)
    case 'FeeRouterNotPending':
      return new NotPendingError(big(0), cause)
    case 'FeeRouterDisputeWindowOpen':
      return new DisputeWindowOpenError({ epoch: big(0), finalizesAt: big(1), cause })
    case 'FeeRouterDisputeWindowClosed':
      return new DisputeWindowClosedError({ epoch: big(0), finalizesAt: big(1), cause })
    case 'FeeRouterRoutingMismatch':
      return new RoutingMismatchError(big(0), cause)
    case 'FeeRouterEpochNotFinal':
      return new EpochNotFinalError(big(0), cause)
    case 'FeeRouterInvalidProof':
      return new InvalidProofError({ epoch: big(0), account: address(1), amount: big(2), cause })
    case 'FeeRouterAlreadyClaimed':
      return new AlreadyClaimedError({ epoch: big(0), account: address(1), cause })
    case 'FeeRouterUnderfunded':
      return new UnderfundedError({ epoch: big(0), available: big(1), needed: big(2), cause })
    default:
      return undefined
  }
}
