import { ContractCallRevertedError, decodeRevert } from '@openledger/chain'
import type { Address, Hex } from 'viem'
import {
  ChallengeOpenError,
  EpochOutOfOrderError,
  EvidenceUsedError,
  InsufficientBalanceError,
  InsufficientStakeError,
  InvalidSplitsError,
  NothingToWithdrawError,
  StakingRevertError,
  StillUnbondingError,
  UnauthorizedError,
  UnauthorizedSettlerError,
  UnbalancedSettlementError,
  UnknownAgentError,
  WithdrawalFrozenError,
  WithdrawalLockedError,
  ZeroAmountError,
} from '../errors/staking.js'
import { feeRouterError } from './feeRouterError.js'
import { roleName } from './roles.js'

/**
 * Turns the revert of a staking, registry, fee router or token call (chain's `decodeRevert`) into the SDK's
 * typed error; a mined transaction that reverted without data is a `StakingRevertError`. Errors that are not
 * reverts (network, nonce, gas) are returned unchanged.
 */
export function toStakingError(error: unknown): unknown {
  const revert = decodeRevert(error)
  if (!revert)
    return error instanceof ContractCallRevertedError ? new StakingRevertError({ cause: error }) : error
  const { errorName, args } = revert
  const big = (i: number) => args[i] as bigint
  const address = (i: number) => args[i] as Address
  switch (errorName) {
    case 'AgentStakingZeroAmount':
    case 'FeeRouterZeroAmount':
      return new ZeroAmountError(error)
    case 'AgentStakingInsufficientStake':
      return new InsufficientStakeError({
        agentId: big(0),
        staker: address(1),
        staked: big(2),
        requested: big(3),
        cause: error,
      })
    case 'AgentStakingUnbonding':
      return new StillUnbondingError({
        agentId: big(0),
        staker: address(1),
        unbondingEnds: big(2),
        cause: error,
      })
    case 'AgentStakingNothingToWithdraw':
      return new NothingToWithdrawError({ agentId: big(0), staker: address(1), cause: error })
    case 'AgentStakingWithdrawalFrozen':
      return new WithdrawalFrozenError({
        agentId: big(0),
        staker: address(1),
        frozenUntil: big(2),
        cause: error,
      })
    case 'AgentStakingChallengeOpen':
      return new ChallengeOpenError({ agentId: big(0), frozenUntil: big(1), cause: error })
    case 'AgentStakingEvidenceUsed':
      return new EvidenceUsedError({
        agentId: big(0),
        evidenceHash: args[1] as Hex,
        challengeId: big(2),
        cause: error,
      })
    case 'AgentRegistryUnknownAgent':
    case 'FeeRouterUnknownAgent':
      return new UnknownAgentError(big(0), error)
    case 'AccessControlUnauthorizedAccount':
      return new UnauthorizedError(address(0), { role: roleName(args[1] as Hex), cause: error })
    case 'AgentRegistryUnauthorized':
      return new UnauthorizedError(address(1), { agentId: big(0), cause: error })
    case 'FeeRouterInvalidSplits':
      return new InvalidSplitsError(big(0), error)
    case 'AgentStakingUnauthorizedFeeRouter':
      return new UnauthorizedSettlerError(address(0), error)
    case 'FeeRouterInsufficientBalance':
      return new InsufficientBalanceError({
        account: address(0),
        balance: big(1),
        needed: big(2),
        cause: error,
      })
    case 'FeeRouterWithdrawalLocked':
      return new WithdrawalLockedError({
        account: address(0),
        requested: big(1),
        unlocksAt: big(2),
        cause: error,
      })
    case 'FeeRouterUnexpectedEpoch':
      return new EpochOutOfOrderError({ expected: big(0), got: big(1), cause: error })
    case 'FeeRouterUnbalancedSettlement':
      return new UnbalancedSettlementError(
        { reason: 'chargesMismatch', charged: big(0), agentFees: big(1) },
        error,
      )
    case 'FeeRouterUnbalancedAdapterFees':
      return new UnbalancedSettlementError(
        { reason: 'adapterFeesMismatch', pool: big(0), paid: big(1) },
        error,
      )
    case 'FeeRouterContributorsOverpaid':
      return new UnbalancedSettlementError(
        { reason: 'contributorsOverpaid', pool: big(0), paid: big(1) },
        error,
      )
    case 'FeeRouterEmptyReceiptsRoot':
      return new UnbalancedSettlementError({ reason: 'emptyReceiptsRoot' }, error)
    default:
      return (
        feeRouterError(errorName, args, error) ?? new StakingRevertError({ errorName, args, cause: error })
      )
  }
}
