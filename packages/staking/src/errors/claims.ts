import { BaseError } from '@openledger/errors'
import type { Address } from 'viem'

/**
 * A contributor's claim whose proof does not match its epoch's payouts root (`FeeRouterInvalidProof`).
 *
 * @example
 * if (error instanceof InvalidProofError) console.error(error.epoch, error.account, error.amount)
 */
export class InvalidProofError extends BaseError {
  override name = 'InvalidProofError'
  readonly epoch: bigint
  readonly account: Address
  readonly amount: bigint

  constructor(parameters: { epoch: bigint; account: Address; amount: bigint; cause?: unknown }) {
    const { epoch, account, amount, cause } = parameters
    super(`The proof for ${account} (${amount} wei) does not match epoch ${epoch}'s payouts root.`, { cause })
    this.epoch = epoch
    this.account = account
    this.amount = amount
  }
}

/**
 * A contributor's claim of an epoch it already claimed (`FeeRouterAlreadyClaimed`).
 *
 * @example
 * if (error instanceof AlreadyClaimedError) console.log(`${error.account} claimed epoch ${error.epoch} already`)
 */
export class AlreadyClaimedError extends BaseError {
  override name = 'AlreadyClaimedError'
  readonly epoch: bigint
  readonly account: Address

  constructor(parameters: { epoch: bigint; account: Address; cause?: unknown }) {
    const { epoch, account, cause } = parameters
    super(`${account} has already claimed its reward for epoch ${epoch}.`, { cause })
    this.epoch = epoch
    this.account = account
  }
}

/**
 * A contributor claim above what its epoch funded and is not yet claimed (`FeeRouterUnderfunded`): the
 * epoch's payouts root promises more than its `contributorsPaid`.
 *
 * @example
 * if (error instanceof UnderfundedError) console.error(error.epoch, error.available, error.needed)
 */
export class UnderfundedError extends BaseError {
  override name = 'UnderfundedError'
  readonly epoch: bigint
  readonly available: bigint
  readonly needed: bigint

  constructor(parameters: { epoch: bigint; available: bigint; needed: bigint; cause?: unknown }) {
    const { epoch, available, needed, cause } = parameters
    super(
      `Epoch ${epoch} holds ${available} wei of unclaimed contributor funds, less than the ${needed} wei claimed.`,
      { cause },
    )
    this.epoch = epoch
    this.available = available
    this.needed = needed
  }
}
