import { ContractCallRevertedError, decodeRevert } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import {
  AdapterClaimExpiredError,
  AdapterCommitmentError,
  CreatorReassignedError,
  InvalidAdapterClaimSignatureError,
  InvalidCreatorError,
} from './claimErrors.js'
import {
  AdapterAlreadyRegisteredError,
  AdapterAlreadyRevokedError,
  DuplicateDatanetError,
  EmptyRevocationReasonError,
  EmptyTrainingRowsError,
  InvalidDatanetCountError,
  InvalidLineageHashError,
  LineageRevertError,
  NotRegistryOwnerError,
  UnknownAdapterError,
  UnknownDatanetError,
} from './errors.js'

/**
 * Turns the revert of a ModelRegistry call (chain's `decodeRevert`) into the SDK's typed error; a mined
 * transaction that reverted without data is a `LineageRevertError`. Errors that are not reverts (network,
 * nonce, gas) are returned unchanged.
 *
 * @example
 * try {
 *   await simulateContractCall(connection, call)
 * } catch (error) {
 *   throw toLineageError(error)
 * }
 */
export function toLineageError(error: unknown): unknown {
  const revert = decodeRevert(error)
  if (!revert)
    return error instanceof ContractCallRevertedError ? new LineageRevertError({ cause: error }) : error
  const { errorName, args } = revert
  return (
    lineageError(errorName, args, error) ??
    claimError(errorName, args, error) ??
    new LineageRevertError({ errorName, args, cause: error })
  )
}

/** Reverts over the lineage itself, revocation and roles. */
function lineageError(errorName: string, args: readonly unknown[], error: unknown): Error | undefined {
  const hash = (i: number) => args[i] as Hex
  const big = (i: number) => args[i] as bigint
  switch (errorName) {
    case 'ModelRegistryZeroAdapterHash':
      return new InvalidLineageHashError('adapterSha256', '0x0', error)
    case 'ModelRegistryZeroBaseModelHash':
      return new InvalidLineageHashError('baseModelSha256', '0x0', error)
    case 'ModelRegistryZeroTrainingRowsRoot':
      return new InvalidLineageHashError('trainingRowsRoot', '0x0', error)
    case 'ModelRegistryZeroRowCount':
      return new EmptyTrainingRowsError(error)
    case 'ModelRegistryInvalidDatanetCount':
      return new InvalidDatanetCountError(big(0), big(1), error)
    case 'ModelRegistryUnknownDatanet':
      return new UnknownDatanetError(big(0), error)
    case 'ModelRegistryDuplicateDatanet':
      return new DuplicateDatanetError(big(0), error)
    case 'ModelRegistryUnknownAdapter':
      return new UnknownAdapterError(hash(0), error)
    case 'ModelRegistryAdapterAlreadyRevoked':
      return new AdapterAlreadyRevokedError(hash(0), big(1), error)
    case 'ModelRegistryEmptyReason':
      return new EmptyRevocationReasonError(error)
    case 'AccessControlUnauthorizedAccount':
      return new NotRegistryOwnerError(args[0] as Address, hash(1), error)
    default:
      return undefined
  }
}

/** Reverts over a registration's claim, commitment and authorship. */
function claimError(errorName: string, args: readonly unknown[], error: unknown): Error | undefined {
  const hash = (i: number) => args[i] as Hex
  const big = (i: number) => args[i] as bigint
  const address = (i: number) => args[i] as Address
  const commitment = (problem: ConstructorParameters<typeof AdapterCommitmentError>[0]) =>
    new AdapterCommitmentError(problem, args[0] as Hex | undefined, args.slice(1) as bigint[], error)
  switch (errorName) {
    case 'ModelRegistryAdapterAlreadyRegistered':
      return new AdapterAlreadyRegisteredError(
        hash(0),
        address(1),
        { registeredCommitBlock: big(2), commitBlock: big(3) },
        error,
      )
    case 'ModelRegistryInvalidCreator':
      return new InvalidCreatorError(hash(0), address(1), error)
    case 'ModelRegistryClaimExpired':
      return new AdapterClaimExpiredError(hash(0), big(1), big(2), error)
    case 'ModelRegistryInvalidSignature':
      return new InvalidAdapterClaimSignatureError(hash(0), address(1), error)
    case 'ModelRegistryCreatorReassigned':
      return new CreatorReassignedError(hash(0), address(1), error)
    case 'ModelRegistryZeroCommitment':
      return commitment('zero')
    case 'ModelRegistryAlreadyCommitted':
      return commitment('alreadyCommitted')
    case 'ModelRegistryUnknownCommitment':
      return commitment('unknown')
    case 'ModelRegistryCommitmentTooRecent':
      return commitment('tooRecent')
    case 'ModelRegistryCommitmentExpired':
      return commitment('expired')
    default:
      return undefined
  }
}
