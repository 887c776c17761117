import { type Address, ContractFunctionRevertedError, type Hex, BaseError as ViemBaseError } from 'viem'
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
 * Turns a viem error from a ModelRegistry call into the SDK's typed error. Errors that are not reverts
 * (network, nonce, gas) are returned unchanged.
 *
 * @example
 * try {
 *   await connection.publicClient.simulateContract(call)
 * } catch (error) {
 *   throw toLineageError(error)
 * }
 */
export function toLineageError(error: unknown): unknown {
  if (!(error instanceof ViemBaseError)) return error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (!(reverted instanceof ContractFunctionRevertedError)) return error
  const errorName = reverted.data?.errorName
  const args = reverted.data?.args ?? []
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
    case 'ModelRegistryAdapterAlreadyRegistered':
      return new AdapterAlreadyRegisteredError(hash(0), args[1] as Address, error)
    case 'ModelRegistryUnknownAdapter':
      return new UnknownAdapterError(hash(0), error)
    case 'ModelRegistryAdapterAlreadyRevoked':
      return new AdapterAlreadyRevokedError(hash(0), error)
    case 'ModelRegistryEmptyReason':
      return new EmptyRevocationReasonError(error)
    case 'OwnableUnauthorizedAccount':
      return new NotRegistryOwnerError(args[0] as Address, error)
    default:
      return new LineageRevertError({ errorName, args, cause: error })
  }
}
