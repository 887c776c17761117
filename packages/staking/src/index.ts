export { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
export {
  type ChallengeAgentParameters,
  type ChallengeAgentReturnType,
  challengeAgent,
} from './actions/challengeAgent.js'
export {
  type ClaimRewardsParameters,
  type ClaimRewardsReturnType,
  claimRewards,
} from './actions/claimRewards.js'
export { type FeeYieldParameters, type FeeYieldReturnType, feeYield } from './actions/feeYield.js'
export {
  type GetAgentStakeParameters,
  type GetAgentStakeReturnType,
  getAgentStake,
} from './actions/getAgentStake.js'
export { type GetPositionParameters, type GetPositionReturnType, getPosition } from './actions/getPosition.js'
export { getStakingParams } from './actions/getStakingParams.js'
export { type IsAgentActiveParameters, isAgentActive } from './actions/isAgentActive.js'
export {
  type RegisterAgentParameters,
  type RegisterAgentReturnType,
  registerAgent,
} from './actions/registerAgent.js'
export {
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  requestUnstake,
} from './actions/requestUnstake.js'
export { type StakeParameters, type StakeReturnType, stake } from './actions/stake.js'
export { type WithdrawParameters, type WithdrawReturnType, withdraw } from './actions/withdraw.js'
export {
  ChallengePendingError,
  InsufficientStakeError,
  InvalidProofError,
  InvalidSplitsError,
  NothingToClaimError,
  NothingToWithdrawError,
  StakingRevertError,
  StillUnbondingError,
  UnauthorizedError,
  UnauthorizedSettlerError,
  UnknownAgentError,
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
