export { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
export {
  type ChallengeAgentParameters,
  type ChallengeAgentReturnType,
  challengeAgent,
} from './actions/challengeAgent.js'
export {
  type ClaimContributorRewardParameters,
  type ClaimContributorRewardReturnType,
  claimContributorReward,
} from './actions/claimContributorReward.js'
export {
  type ClaimRewardsParameters,
  type ClaimRewardsReturnType,
  claimRewards,
} from './actions/claimRewards.js'
export {
  type DepositFeesParameters,
  type DepositFeesReturnType,
  depositFees,
} from './actions/depositFees.js'
export { type FeeYieldParameters, type FeeYieldReturnType, feeYield } from './actions/feeYield.js'
export {
  type GetAgentStakeParameters,
  type GetAgentStakeReturnType,
  getAgentStake,
} from './actions/getAgentStake.js'
export {
  type GetFeeBalanceParameters,
  type GetFeeBalanceReturnType,
  getFeeBalance,
} from './actions/getFeeBalance.js'
export { type GetPositionParameters, type GetPositionReturnType, getPosition } from './actions/getPosition.js'
export {
  type GetSettlementStateParameters,
  type GetSettlementStateReturnType,
  getSettlementState,
} from './actions/getSettlementState.js'
export { getStakingParams } from './actions/getStakingParams.js'
export { type IsAgentActiveParameters, isAgentActive } from './actions/isAgentActive.js'
export {
  type RegisterAgentParameters,
  type RegisterAgentReturnType,
  registerAgent,
} from './actions/registerAgent.js'
export {
  type RequestFeeWithdrawalParameters,
  type RequestFeeWithdrawalReturnType,
  requestFeeWithdrawal,
} from './actions/requestFeeWithdrawal.js'
export {
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  requestUnstake,
} from './actions/requestUnstake.js'
export { type SettleEpochCall, type SettleEpochParameters, settleEpoch } from './actions/settleEpoch.js'
export { type StakeParameters, type StakeReturnType, stake } from './actions/stake.js'
export { type WithdrawParameters, type WithdrawReturnType, withdraw } from './actions/withdraw.js'
export {
  type WithdrawFeesParameters,
  type WithdrawFeesReturnType,
  withdrawFees,
} from './actions/withdrawFees.js'
export {
  ChallengePendingError,
  EpochOutOfOrderError,
  InsufficientBalanceError,
  InsufficientStakeError,
  InvalidProofError,
  InvalidSplitsError,
  NothingToClaimError,
  NothingToWithdrawError,
  StakingRevertError,
  StillUnbondingError,
  UnauthorizedError,
  UnauthorizedSettlerError,
  UnbalancedSettlementError,
  type UnbalancedSettlementReason,
  UnderfundedError,
  UnknownAgentError,
  WithdrawalLockedError,
  ZeroAmountError,
} from './errors/staking.js'
export { type AdminCall, adminCall } from './safe/adminCall.js'
export type { ProposeAdminParameters, ProposeAdminReturnType } from './safe/proposeAdminCall.js'
export {
  type ProposeResolveChallengeParameters,
  proposeResolveChallenge,
} from './safe/proposeResolveChallenge.js'
export { type ProposeSetSplitsParameters, proposeSetSplits } from './safe/proposeSetSplits.js'
export {
  type ProposeSetStakingParamsParameters,
  proposeSetStakingParams,
} from './safe/proposeSetStakingParams.js'
export { type SimulateAdminCallParameters, simulateAdminCall } from './safe/simulateAdminCall.js'
export type {
  Position,
  Splits,
  StakingContracts,
  StakingParams,
  WriteParameters,
  WriteReturnType,
} from './types.js'
