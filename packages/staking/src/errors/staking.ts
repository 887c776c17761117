import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'

/**
 * The contract refused an amount of zero (`AgentStakingZeroAmount`, `FeeRouterZeroAmount`).
 *
 * @example
 * try {
 *   await stake(connection, contracts, { account, agentId, amount: 0n })
 * } catch (error) {
 *   if (error instanceof ZeroAmountError) console.error('enter an amount')
 * }
 */
export class ZeroAmountError extends BaseError {
  override name = 'ZeroAmountError'

  constructor(cause?: unknown) {
    super('The amount must not be zero.', { cause })
  }
}

/**
 * Unstaking more than the staker's active stake on the agent (`AgentStakingInsufficientStake`).
 *
 * @example
 * try {
 *   await requestUnstake(connection, contracts, { account, agentId, amount })
 * } catch (error) {
 *   if (error instanceof InsufficientStakeError) console.error(error.staked, error.requested)
 * }
 */
export class InsufficientStakeError extends BaseError {
  override name = 'InsufficientStakeError'
  readonly agentId: bigint
  readonly staker: Address
  readonly staked: bigint
  readonly requested: bigint

  constructor(parameters: {
    agentId: bigint
    staker: Address
    staked: bigint
    requested: bigint
    cause?: unknown
  }) {
    const { agentId, staker, staked, requested, cause } = parameters
    super(
      `${staker} has ${staked} wei of active stake on agent ${agentId}, less than the ${requested} wei requested.`,
      { cause },
    )
    this.agentId = agentId
    this.staker = staker
    this.staked = staked
    this.requested = requested
  }
}

/**
 * Withdrawing before the unbonding period ended (`AgentStakingUnbonding`).
 *
 * @example
 * try {
 *   await withdraw(connection, contracts, { account, agentId })
 * } catch (error) {
 *   if (error instanceof StillUnbondingError) console.error(`wait until ${error.unbondingEnds.toISOString()}`)
 * }
 */
export class StillUnbondingError extends BaseError {
  override name = 'StillUnbondingError'
  readonly agentId: bigint
  readonly staker: Address
  readonly unbondingEnds: Date

  constructor(parameters: { agentId: bigint; staker: Address; unbondingEnds: bigint; cause?: unknown }) {
    const { agentId, staker, cause } = parameters
    const unbondingEnds = new Date(Number(parameters.unbondingEnds) * 1000)
    super(
      `${staker}'s stake on agent ${agentId} is unbonding until ${unbondingEnds.toISOString()}; withdraw after that.`,
      { cause },
    )
    this.agentId = agentId
    this.staker = staker
    this.unbondingEnds = unbondingEnds
  }
}

/**
 * The staker has no unbonding stake on the agent (`AgentStakingNothingToWithdraw`).
 *
 * @example
 * try {
 *   await withdraw(connection, contracts, { account, agentId })
 * } catch (error) {
 *   if (error instanceof NothingToWithdrawError) console.log('request an unstake first')
 * }
 */
export class NothingToWithdrawError extends BaseError {
  override name = 'NothingToWithdrawError'
  readonly agentId: bigint
  readonly staker: Address

  constructor(parameters: { agentId: bigint; staker: Address; cause?: unknown }) {
    super(`${parameters.staker} has no unbonding stake to withdraw from agent ${parameters.agentId}.`, {
      cause: parameters.cause,
    })
    this.agentId = parameters.agentId
    this.staker = parameters.staker
  }
}

/**
 * An open challenge against the agent holds the caller's unbonded stake until `frozenUntil`, unix seconds
 * (`AgentStakingWithdrawalFrozen`); never more than the challenge period past its unbonding end.
 *
 * @example
 * try {
 *   await withdraw(connection, contracts, { account, agentId })
 * } catch (error) {
 *   if (error instanceof WithdrawalFrozenError) console.error(`try again at ${error.frozenUntil}`)
 * }
 */
export class WithdrawalFrozenError extends BaseError {
  override name = 'WithdrawalFrozenError'
  readonly agentId: bigint
  readonly staker: Address
  readonly frozenUntil: bigint

  constructor(parameters: { agentId: bigint; staker: Address; frozenUntil: bigint; cause?: unknown }) {
    super(
      `An open challenge against agent ${parameters.agentId} holds ${parameters.staker}'s unbonded stake until ${parameters.frozenUntil}.`,
      { cause: parameters.cause },
    )
    this.agentId = parameters.agentId
    this.staker = parameters.staker
    this.frozenUntil = parameters.frozenUntil
  }
}

/**
 * The agent takes no new stake while a challenge against it is open, until `frozenUntil`, unix seconds
 * (`AgentStakingChallengeOpen`): new stake is never slashed for what happened before it came.
 *
 * @example
 * try {
 *   await stake(connection, contracts, { account, agentId, amount })
 * } catch (error) {
 *   if (error instanceof ChallengeOpenError) console.error(`stake after ${error.frozenUntil}`)
 * }
 */
export class ChallengeOpenError extends BaseError {
  override name = 'ChallengeOpenError'
  readonly agentId: bigint
  readonly frozenUntil: bigint

  constructor(parameters: { agentId: bigint; frozenUntil: bigint; cause?: unknown }) {
    super(
      `Agent ${parameters.agentId} takes no new stake while a challenge against it is open (until ${parameters.frozenUntil}).`,
      { cause: parameters.cause },
    )
    this.agentId = parameters.agentId
    this.frozenUntil = parameters.frozenUntil
  }
}

/**
 * This evidence already opened a challenge against the agent (`AgentStakingEvidenceUsed`): one piece of
 * evidence, one challenge, whoever sends it again.
 *
 * @example
 * try {
 *   await challengeAgent(connection, contracts, { account, agentId, evidenceHash })
 * } catch (error) {
 *   if (error instanceof EvidenceUsedError) console.error(`see challenge ${error.challengeId}`)
 * }
 */
export class EvidenceUsedError extends BaseError {
  override name = 'EvidenceUsedError'
  readonly agentId: bigint
  readonly evidenceHash: Hex
  readonly challengeId: bigint

  constructor(parameters: { agentId: bigint; evidenceHash: Hex; challengeId: bigint; cause?: unknown }) {
    super(
      `Evidence ${parameters.evidenceHash} already opened challenge ${parameters.challengeId} against agent ${parameters.agentId}.`,
      { cause: parameters.cause },
    )
    this.agentId = parameters.agentId
    this.evidenceHash = parameters.evidenceHash
    this.challengeId = parameters.challengeId
  }
}

/**
 * No agent has this id (`AgentRegistryUnknownAgent`, `FeeRouterUnknownAgent`).
 *
 * @example
 * try {
 *   await stake(connection, contracts, { account, agentId: 999n, amount })
 * } catch (error) {
 *   if (error instanceof UnknownAgentError) console.error(error.agentId)
 * }
 */
export class UnknownAgentError extends BaseError {
  override name = 'UnknownAgentError'
  readonly agentId: bigint

  constructor(agentId: bigint, cause?: unknown) {
    super(`No agent has id ${agentId}.`, { cause })
    this.agentId = agentId
  }
}

/**
 * The caller may not do this: it lacks the role the call needs on FeeRouter, AgentStaking or AgentRegistry
 * (`AccessControlUnauthorizedAccount`: `role` names it, e.g. `PARAMETERS_ROLE`, `CHALLENGE_RESOLVER_ROLE` or
 * `SETTLER_ROLE`; the treasury Safe holds every role but the settlers'), or is neither the agent's creator nor
 * a holder of AgentRegistry's `PAUSER_ROLE` (`AgentRegistryUnauthorized`).
 *
 * @example
 * try {
 *   await simulateAdminCall(connection, contracts, { from: eoa, call })
 * } catch (error) {
 *   if (error instanceof UnauthorizedError) console.error(`${error.caller} is not allowed`, error.role)
 * }
 */
export class UnauthorizedError extends BaseError {
  override name = 'UnauthorizedError'
  readonly caller: Address
  /** The role the caller lacks (its name when known, else its hash); undefined for `AgentRegistryUnauthorized`. */
  readonly role: string | undefined

  constructor(caller: Address, parameters: { agentId?: bigint; role?: string; cause?: unknown } = {}) {
    const { agentId, role, cause } = parameters
    super(unauthorizedMessage(caller, agentId, role), { cause })
    this.caller = caller
    this.role = role
  }
}

const unauthorizedMessage = (caller: Address, agentId: bigint | undefined, role: string | undefined) => {
  if (agentId !== undefined) return `${caller} is not the creator of agent ${agentId}.`
  if (role === 'SETTLER_ROLE') return `${caller} is not a settler; the treasury Safe appoints settlers.`
  return `${caller} lacks ${role ?? 'the role this call needs'} (held by the treasury Safe); propose this call through the Safe.`
}

/**
 * Fee splits that do not sum to 10,000 basis points (`FeeRouterInvalidSplits`).
 *
 * @example
 * try {
 *   await proposeSetSplits(connection, store, parameters)
 * } catch (error) {
 *   if (error instanceof InvalidSplitsError) console.error(`they sum to ${error.sum}`)
 * }
 */
export class InvalidSplitsError extends BaseError {
  override name = 'InvalidSplitsError'
  readonly sum: bigint

  constructor(sum: bigint, cause?: unknown) {
    super(`The fee splits sum to ${sum} basis points, not 10,000.`, { cause })
    this.sum = sum
  }
}

/**
 * A reward notification to AgentStaking from an account other than its FeeRouter
 * (`AgentStakingUnauthorizedFeeRouter`). A non-settler posting an epoch is an `UnauthorizedError` with `role`
 * `SETTLER_ROLE`.
 *
 * @example
 * if (error instanceof UnauthorizedSettlerError) console.error(error.caller)
 */
export class UnauthorizedSettlerError extends BaseError {
  override name = 'UnauthorizedSettlerError'
  readonly caller: Address

  constructor(caller: Address, cause?: unknown) {
    super(`${caller} is not the FeeRouter that may notify AgentStaking of rewards.`, { cause })
    this.caller = caller
  }
}

/**
 * A prepaid FeeRouter balance that does not cover an amount: a withdrawal request or withdrawal above the
 * balance, a charge above the payer's balance, or a settler's bond withdrawal above its bond
 * (`FeeRouterInsufficientBalance`; `of` says which: `balance` is the bond for `'settler bond'`).
 *
 * @example
 * try {
 *   await requestFeeWithdrawal(connection, contracts, { account, amount })
 * } catch (error) {
 *   if (error instanceof InsufficientBalanceError) console.error(error.balance, error.needed)
 * }
 */
export class InsufficientBalanceError extends BaseError {
  override name = 'InsufficientBalanceError'
  readonly account: Address
  readonly balance: bigint
  readonly needed: bigint
  readonly of: 'prepaid fees' | 'settler bond'

  constructor(parameters: {
    account: Address
    balance: bigint
    needed: bigint
    of?: 'prepaid fees' | 'settler bond'
    cause?: unknown
  }) {
    const { account, balance, needed, of = 'prepaid fees', cause } = parameters
    super(`${account} has ${balance} wei of ${of}, less than the ${needed} wei needed.`, { cause })
    this.account = account
    this.balance = balance
    this.needed = needed
    this.of = of
  }
}

/**
 * A fee withdrawal before its request unlocked, or above the requested amount (`FeeRouterWithdrawalLocked`).
 * `unlocksAt` is undefined when no withdrawal was requested.
 *
 * @example
 * try {
 *   await withdrawFees(connection, contracts, { account, amount })
 * } catch (error) {
 *   if (error instanceof WithdrawalLockedError) console.error(`wait until ${error.unlocksAt?.toISOString()}`)
 * }
 */
export class WithdrawalLockedError extends BaseError {
  override name = 'WithdrawalLockedError'
  readonly account: Address
  /** The amount of the pending withdrawal request: the most that may be withdrawn once it unlocks. */
  readonly requested: bigint
  readonly unlocksAt: Date | undefined

  constructor(parameters: { account: Address; requested: bigint; unlocksAt: bigint; cause?: unknown }) {
    const { account, requested, cause } = parameters
    const unlocksAt = parameters.unlocksAt === 0n ? undefined : new Date(Number(parameters.unlocksAt) * 1000)
    super(
      unlocksAt === undefined
        ? `${account} has no fee withdrawal requested; request one first.`
        : `${account}'s fee withdrawal of up to ${requested} wei unlocks at ${unlocksAt.toISOString()}; withdraw at most that, after then.`,
      { cause },
    )
    this.account = account
    this.requested = requested
    this.unlocksAt = unlocksAt
  }
}

/**
 * Posting an epoch other than the next one (`FeeRouterUnexpectedEpoch`): epochs are posted in order from 1,
 * vetoed ones counted.
 *
 * @example
 * if (error instanceof EpochOutOfOrderError) console.error(`post epoch ${error.expected} next`)
 */
export class EpochOutOfOrderError extends BaseError {
  override name = 'EpochOutOfOrderError'
  readonly expected: bigint
  readonly got: bigint

  constructor(parameters: { expected: bigint; got: bigint; cause?: unknown }) {
    const { expected, got, cause } = parameters
    super(`Epoch ${got} cannot be posted: the next epoch to post is ${expected}.`, { cause })
    this.expected = expected
    this.got = got
  }
}

/** Why a settlement does not balance, with the values the contract compared. */
export type UnbalancedSettlementReason =
  /** `FeeRouterUnbalancedSettlement`: the charges and the agents' fees differ. */
  | { reason: 'chargesMismatch'; charged: bigint; agentFees: bigint }
  /** `FeeRouterUnbalancedAdapterFees`: the adapter creators' payouts differ from their pool. */
  | { reason: 'adapterFeesMismatch'; pool: bigint; paid: bigint }
  /** `FeeRouterContributorsOverpaid`: `contributorsPaid` exceeds the contributors' pool. */
  | { reason: 'contributorsOverpaid'; pool: bigint; paid: bigint }
  /** `FeeRouterEmptyReceiptsRoot`: the receipts root is zero. */
  | { reason: 'emptyReceiptsRoot' }

const unbalancedMessage = (detail: UnbalancedSettlementReason): string => {
  switch (detail.reason) {
    case 'chargesMismatch':
      return `the charges total ${detail.charged} wei but the agents' fees total ${detail.agentFees} wei`
    case 'adapterFeesMismatch':
      return `the adapter creators are paid ${detail.paid} wei but their pool is ${detail.pool} wei`
    case 'contributorsOverpaid':
      return `contributorsPaid is ${detail.paid} wei, more than the contributors' pool of ${detail.pool} wei`
    case 'emptyReceiptsRoot':
      return 'the receipts root is zero'
  }
}

/**
 * Settlement inputs that do not add up (`FeeRouterUnbalancedSettlement`, `FeeRouterUnbalancedAdapterFees`,
 * `FeeRouterContributorsOverpaid`, `FeeRouterEmptyReceiptsRoot`); `detail.reason` names which.
 *
 * @example
 * if (error instanceof UnbalancedSettlementError && error.detail.reason === 'chargesMismatch')
 *   console.error(error.detail.charged, error.detail.agentFees)
 */
export class UnbalancedSettlementError extends BaseError {
  override name = 'UnbalancedSettlementError'
  readonly detail: UnbalancedSettlementReason

  constructor(detail: UnbalancedSettlementReason, cause?: unknown) {
    super(`Unbalanced settlement: ${unbalancedMessage(detail)}.`, { cause })
    this.detail = detail
  }
}

/**
 * Any other revert of the staking contracts: `errorName` and `args` are the decoded custom error (or `Error`
 * with a reason string; `undefined` when the revert carried no data); `cause` is viem's error.
 *
 * @example
 * if (error instanceof StakingRevertError) console.error(error.errorName, error.args)
 */
export class StakingRevertError extends BaseError {
  override name = 'StakingRevertError'
  readonly errorName: string | undefined
  readonly args: readonly unknown[]

  constructor(parameters: { errorName?: string | undefined; args?: readonly unknown[]; cause?: unknown }) {
    const { errorName, args = [], cause } = parameters
    const shown = args.map((a) => String(a)).join(', ')
    super(
      errorName === undefined
        ? 'The staking transaction reverted without a reason.'
        : `The staking contracts reverted with ${errorName}(${shown}).`,
      { cause },
    )
    this.errorName = errorName
    this.args = args
  }
}
