import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'

/**
 * The claim's creator is the zero address (`ModelRegistryInvalidCreator`): an adapter's creator is an
 * account that signs.
 *
 * @example
 * if (error instanceof InvalidCreatorError) console.error(error.creator)
 */
export class InvalidCreatorError extends BaseError {
  override name = 'InvalidCreatorError'
  readonly adapterSha256: Hex
  readonly creator: Address

  constructor(adapterSha256: Hex, creator: Address, cause?: unknown) {
    super(`${creator} cannot be the creator of adapter ${adapterSha256}.`, { cause })
    this.adapterSha256 = adapterSha256
    this.creator = creator
  }
}

/**
 * The signed claim's deadline has passed (`ModelRegistryClaimExpired`): sign it again.
 *
 * @example
 * if (error instanceof AdapterClaimExpiredError) console.error(`expired at ${error.deadline}`)
 */
export class AdapterClaimExpiredError extends BaseError {
  override name = 'AdapterClaimExpiredError'
  readonly adapterSha256: Hex
  readonly deadline: bigint
  readonly now: bigint

  constructor(adapterSha256: Hex, deadline: bigint, now: bigint, cause?: unknown) {
    super(`The claim for adapter ${adapterSha256} expired at ${deadline} (now ${now}).`, { cause })
    this.adapterSha256 = adapterSha256
    this.deadline = deadline
    this.now = now
  }
}

/**
 * The claim's signature is not its creator's, or covers other lineage (`ModelRegistryInvalidSignature`).
 *
 * @example
 * if (error instanceof InvalidAdapterClaimSignatureError) console.error(`not signed by ${error.creator}`)
 */
export class InvalidAdapterClaimSignatureError extends BaseError {
  override name = 'InvalidAdapterClaimSignatureError'
  readonly adapterSha256: Hex
  readonly creator: Address

  constructor(adapterSha256: Hex, creator: Address, cause?: unknown) {
    super(`The claim for adapter ${adapterSha256} is not signed by its creator ${creator}.`, { cause })
    this.adapterSha256 = adapterSha256
    this.creator = creator
  }
}

/** What is wrong with a registration's commitment. */
export type AdapterCommitmentProblem = 'zero' | 'alreadyCommitted' | 'unknown' | 'tooRecent' | 'expired'

/**
 * A commitment the ModelRegistry refuses (`ModelRegistryZeroCommitment`, `…AlreadyCommitted`,
 * `…UnknownCommitment`, `…CommitmentTooRecent`: reveal it in a later block, `…CommitmentExpired`: commit again).
 *
 * @example
 * if (error instanceof AdapterCommitmentError && error.problem === 'tooRecent') await nextBlock()
 */
export class AdapterCommitmentError extends BaseError {
  override name = 'AdapterCommitmentError'
  readonly problem: AdapterCommitmentProblem
  readonly commitment: Hex | undefined
  /** The values the contract gave after the commitment (its block, the current block or time, …). */
  readonly values: readonly bigint[]

  constructor(
    problem: AdapterCommitmentProblem,
    commitment: Hex | undefined,
    values: readonly bigint[],
    cause?: unknown,
  ) {
    const shown = values.length > 0 ? ` (${values.join(', ')})` : ''
    super(`The ModelRegistry refused commitment ${commitment ?? '0x0'}: ${problem}${shown}.`, { cause })
    this.problem = problem
    this.commitment = commitment
    this.values = values
  }
}

/**
 * The treasury Safe settled the adapter's authorship (`ModelRegistryCreatorReassigned`): no claim takes it
 * over any more.
 *
 * @example
 * if (error instanceof CreatorReassignedError) console.error(`the Safe named ${error.creator}`)
 */
export class CreatorReassignedError extends BaseError {
  override name = 'CreatorReassignedError'
  readonly adapterSha256: Hex
  readonly creator: Address

  constructor(adapterSha256: Hex, creator: Address, cause?: unknown) {
    super(`The treasury Safe named ${creator} the creator of adapter ${adapterSha256}.`, { cause })
    this.adapterSha256 = adapterSha256
    this.creator = creator
  }
}
