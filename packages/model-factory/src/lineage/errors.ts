import { BaseError } from '@openledger/errors'
import { type Address, type Hex, keccak256, toHex, zeroHash } from 'viem'

/**
 * A training row id that is not 32 bytes of hex.
 *
 * @example
 * try {
 *   trainingRowsTree(['0x1234'])
 * } catch (error) {
 *   if (error instanceof InvalidRowIdError) console.error(`row ${error.index} is malformed`)
 * }
 */
export class InvalidRowIdError extends BaseError {
  override name = 'InvalidRowIdError'
  readonly rowId: unknown
  readonly index: number

  constructor(rowId: unknown, index: number) {
    super(`Row id ${String(rowId)} (at ${index}) is not a 32-byte hex string.`)
    this.rowId = rowId
    this.index = index
  }
}

/**
 * The same training row id twice: a training set lists each row once.
 *
 * @example
 * try {
 *   trainingRowsTree([rowId, rowId])
 * } catch (error) {
 *   if (error instanceof DuplicateRowIdError) console.error(error.rowId)
 * }
 */
export class DuplicateRowIdError extends BaseError {
  override name = 'DuplicateRowIdError'
  readonly rowId: Hex

  constructor(rowId: Hex) {
    super(`Row id ${rowId} appears more than once in the training rows.`)
    this.rowId = rowId
  }
}

/**
 * No training rows (`ModelRegistryZeroRowCount` on-chain): an adapter's lineage names at least one row.
 *
 * @example
 * try {
 *   trainingRowsTree([])
 * } catch (error) {
 *   if (error instanceof EmptyTrainingRowsError) console.error('train on some rows first')
 * }
 */
export class EmptyTrainingRowsError extends BaseError {
  override name = 'EmptyTrainingRowsError'

  constructor(cause?: unknown) {
    super('An adapter needs at least one training row.', { cause })
  }
}

/**
 * A proof was asked for a row that is not among the training rows.
 *
 * @example
 * try {
 *   tree.proofOf(rowId)
 * } catch (error) {
 *   if (error instanceof RowNotInTrainingSetError) console.error(error.rowId)
 * }
 */
export class RowNotInTrainingSetError extends BaseError {
  override name = 'RowNotInTrainingSetError'
  readonly rowId: Hex

  constructor(rowId: Hex) {
    super(`Row id ${rowId} is not among the training rows.`)
    this.rowId = rowId
  }
}

/**
 * A hash that is not 32 bytes of hex, or is zero (`ModelRegistryZeroAdapterHash`, `…ZeroBaseModelHash`,
 * `…ZeroTrainingRowsRoot`).
 *
 * @example
 * try {
 *   await registerAdapterLineage(connection, contracts, { ...lineage, baseModelSha256: zeroHash })
 * } catch (error) {
 *   if (error instanceof InvalidLineageHashError) console.error(error.field)
 * }
 */
export class InvalidLineageHashError extends BaseError {
  override name = 'InvalidLineageHashError'
  readonly field: 'adapterSha256' | 'baseModelSha256' | 'trainingRowsRoot'

  constructor(field: InvalidLineageHashError['field'], value: unknown, cause?: unknown) {
    super(`${field} must be a non-zero 32-byte hash, got ${String(value)}.`, { cause })
    this.field = field
  }
}

/**
 * Too few or too many datanets (`ModelRegistryInvalidDatanetCount`): 1 to 16.
 *
 * @example
 * try {
 *   await registerAdapterLineage(connection, contracts, { ...lineage, datanetIds: [] })
 * } catch (error) {
 *   if (error instanceof InvalidDatanetCountError) console.error(error.count, error.max)
 * }
 */
export class InvalidDatanetCountError extends BaseError {
  override name = 'InvalidDatanetCountError'
  readonly count: bigint
  readonly max: bigint

  constructor(count: bigint, max: bigint, cause?: unknown) {
    super(`An adapter names 1 to ${max} datanets, not ${count}.`, { cause })
    this.count = count
    this.max = max
  }
}

/**
 * A datanet id the DatanetRegistry does not know (`ModelRegistryUnknownDatanet`).
 *
 * @example
 * try {
 *   await registerAdapterLineage(connection, contracts, { ...lineage, datanetIds: [999n] })
 * } catch (error) {
 *   if (error instanceof UnknownDatanetError) console.error(error.datanetId)
 * }
 */
export class UnknownDatanetError extends BaseError {
  override name = 'UnknownDatanetError'
  readonly datanetId: bigint

  constructor(datanetId: bigint, cause?: unknown) {
    super(`Datanet ${datanetId} does not exist in the DatanetRegistry.`, { cause })
    this.datanetId = datanetId
  }
}

/**
 * The same datanet id twice (`ModelRegistryDuplicateDatanet`).
 *
 * @example
 * try {
 *   await registerAdapterLineage(connection, contracts, { ...lineage, datanetIds: [1n, 1n] })
 * } catch (error) {
 *   if (error instanceof DuplicateDatanetError) console.error(error.datanetId)
 * }
 */
export class DuplicateDatanetError extends BaseError {
  override name = 'DuplicateDatanetError'
  readonly datanetId: bigint

  constructor(datanetId: bigint, cause?: unknown) {
    super(`Datanet ${datanetId} is named more than once.`, { cause })
    this.datanetId = datanetId
  }
}

/**
 * The adapter's lineage is already on-chain from an earlier commitment (`ModelRegistryAdapterAlreadyRegistered`):
 * only a claim revealing an earlier commitment than the registered one's takes it over.
 *
 * @example
 * try {
 *   await registerAdapterLineage(connection, contracts, lineage)
 * } catch (error) {
 *   if (error instanceof AdapterAlreadyRegisteredError) console.error(`created by ${error.creator}`)
 * }
 */
export class AdapterAlreadyRegisteredError extends BaseError {
  override name = 'AdapterAlreadyRegisteredError'
  readonly adapterSha256: Hex
  readonly creator: Address
  /** The block of the commitment the registered claim revealed. */
  readonly registeredCommitBlock: bigint | undefined
  /** The block of the refused claim's commitment (undefined when refused before committing). */
  readonly commitBlock: bigint | undefined

  constructor(
    adapterSha256: Hex,
    creator: Address,
    blocks: { registeredCommitBlock?: bigint; commitBlock?: bigint } = {},
    cause?: unknown,
  ) {
    super(`Adapter ${adapterSha256} is already registered, by ${creator}.`, { cause })
    this.adapterSha256 = adapterSha256
    this.creator = creator
    this.registeredCommitBlock = blocks.registeredCommitBlock
    this.commitBlock = blocks.commitBlock
  }
}

/**
 * No adapter with this content address is registered (`ModelRegistryUnknownAdapter`).
 *
 * @example
 * if (error instanceof UnknownAdapterError) console.error(`register ${error.adapterSha256} first`)
 */
export class UnknownAdapterError extends BaseError {
  override name = 'UnknownAdapterError'
  readonly adapterSha256: Hex

  constructor(adapterSha256: Hex, cause?: unknown) {
    super(`Adapter ${adapterSha256} is not registered.`, { cause })
    this.adapterSha256 = adapterSha256
  }
}

/**
 * The adapter was revoked already (`ModelRegistryAdapterAlreadyRevoked`): it cannot be revoked again, nor
 * taken over by a claim.
 *
 * @example
 * if (error instanceof AdapterAlreadyRevokedError) console.error(error.adapterSha256)
 */
export class AdapterAlreadyRevokedError extends BaseError {
  override name = 'AdapterAlreadyRevokedError'
  readonly adapterSha256: Hex
  /** Unix seconds of the revocation. */
  readonly revokedAt: bigint

  constructor(adapterSha256: Hex, revokedAt: bigint, cause?: unknown) {
    super(`Adapter ${adapterSha256} is already revoked.`, { cause })
    this.adapterSha256 = adapterSha256
    this.revokedAt = revokedAt
  }
}

/**
 * A revocation without a reason (`ModelRegistryEmptyReason`).
 *
 * @example
 * if (error instanceof EmptyRevocationReasonError) console.error('say why the adapter is revoked')
 */
export class EmptyRevocationReasonError extends BaseError {
  override name = 'EmptyRevocationReasonError'

  constructor(cause?: unknown) {
    super('Revoking an adapter needs a reason.', { cause })
  }
}

/**
 * The caller lacks the ModelRegistry role the call needs (`AccessControlUnauthorizedAccount`): revoking an
 * adapter takes `ADAPTER_REVOKER_ROLE`, reassigning its creator `ADAPTER_DISPUTE_ROLE`, granting roles
 * `DEFAULT_ADMIN_ROLE`, all held by the treasury Safe.
 *
 * @example
 * if (error instanceof NotRegistryOwnerError) console.error(`${error.account} lacks ${error.role}`)
 */
export class NotRegistryOwnerError extends BaseError {
  override name = 'NotRegistryOwnerError'
  readonly account: Address
  /** The role lacked: `ADAPTER_REVOKER_ROLE`, `ADAPTER_DISPUTE_ROLE`, `DEFAULT_ADMIN_ROLE`, or another's hash. */
  readonly role: string

  constructor(account: Address, role: Hex, cause?: unknown) {
    const name = modelRegistryRoleName(role)
    super(`${account} lacks the ModelRegistry's ${name} (held by the treasury Safe).`, { cause })
    this.account = account
    this.role = name
  }
}

const modelRegistryRoleName = (role: Hex): string => {
  if (role === zeroHash) return 'DEFAULT_ADMIN_ROLE'
  for (const name of ['ADAPTER_REVOKER_ROLE', 'ADAPTER_DISPUTE_ROLE'])
    if (role.toLowerCase() === keccak256(toHex(name))) return name
  return role
}

/**
 * Any other revert of a ModelRegistry call, or a registration transaction that was mined but failed.
 *
 * @example
 * if (error instanceof LineageRevertError) console.error(error.errorName, error.args)
 */
export class LineageRevertError extends BaseError {
  override name = 'LineageRevertError'
  readonly errorName: string | undefined
  readonly args: readonly unknown[]

  constructor(parameters: { errorName?: string | undefined; args?: readonly unknown[]; cause?: unknown }) {
    const { errorName, args = [], cause } = parameters
    super(
      errorName
        ? `The ModelRegistry reverted with ${errorName}(${args.map(String).join(', ')}).`
        : 'The ModelRegistry call failed.',
      { cause },
    )
    this.errorName = errorName
    this.args = args
  }
}
