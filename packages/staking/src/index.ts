export { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
export {
  type AuthorizeChargesParameters,
  authorizeCharges,
} from './actions/authorizeCharges.js'
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
  type ClaimContributorRewardsParameters,
  type ClaimContributorRewardsReturnType,
  claimContributorRewards,
  type EpochClaim,
} from './actions/claimContributorRewards.js'
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
export {
  type DepositSettlerBondParameters,
  type DepositSettlerBondReturnType,
  depositSettlerBond,
} from './actions/depositSettlerBond.js'
export { type FeeYieldParameters, type FeeYieldReturnType, feeYield } from './actions/feeYield.js'
export { type FinalizeEpochParameters, finalizeEpoch } from './actions/finalizeEpoch.js'
export {
  type GetAgentStakeParameters,
  type GetAgentStakeReturnType,
  getAgentStake,
} from './actions/getAgentStake.js'
export {
  type GetChargeCapParameters,
  type GetChargeCapReturnType,
  getChargeCap,
} from './actions/getChargeCap.js'
export {
  type GetFeeBalanceParameters,
  type GetFeeBalanceReturnType,
  getFeeBalance,
} from './actions/getFeeBalance.js'
export { type GetPositionParameters, type GetPositionReturnType, getPosition } from './actions/getPosition.js'
export {
  type EpochRecord,
  type EpochStatus,
  type GetSettlementStateParameters,
  type GetSettlementStateReturnType,
  getSettlementState,
  type PendingEpoch,
} from './actions/getSettlementState.js'
export { type GetSettlerBondParameters, getSettlerBond } from './actions/getSettlerBond.js'
export { getStakingParams } from './actions/getStakingParams.js'
export { type IsAgentActiveParameters, isAgentActive } from './actions/isAgentActive.js'
export { type IsSettlerParameters, isSettler } from './actions/isSettler.js'
export { type PostEpochCall, type PostEpochParameters, postEpoch } from './actions/postEpoch.js'
export { type RefundChargesParameters, refundCharges } from './actions/refundCharges.js'
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
export { type StakeParameters, type StakeReturnType, stake } from './actions/stake.js'
export { type WithdrawParameters, type WithdrawReturnType, withdraw } from './actions/withdraw.js'
export {
  type WithdrawFeesParameters,
  type WithdrawFeesReturnType,
  withdrawFees,
} from './actions/withdrawFees.js'
export {
  type WithdrawSettlerBondParameters,
  type WithdrawSettlerBondReturnType,
  withdrawSettlerBond,
} from './actions/withdrawSettlerBond.js'
export {
  ChargeAboveCapError,
  ChargeNotAuthorizedError,
  ChargesMismatchError,
  ChargesNotSortedError,
  InvalidPeriodError,
  NotRefundableError,
} from './errors/charges.js'
export { AlreadyClaimedError, InvalidProofError, UnderfundedError } from './errors/claims.js'
export {
  BondLockedError,
  BondTooLowError,
  DisputeWindowClosedError,
  DisputeWindowOpenError,
  EpochNotFinalError,
  EpochPendingError,
  NotPendingError,
  RoutingMismatchError,
} from './errors/epochs.js'
export {
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
  type UnbalancedSettlementReason,
  UnknownAgentError,
  WithdrawalFrozenError,
  WithdrawalLockedError,
  ZeroAmountError,
} from './errors/staking.js'
export { type AdminCall, adminCall } from './safe/adminCall.js'
export type { ProposeAdminParameters, ProposeAdminReturnType } from './safe/proposeAdminCall.js'
export { type ProposeEpochVetoParameters, proposeEpochVeto } from './safe/proposeEpochVeto.js'
export {
  type ProposeResolveChallengeParameters,
  proposeResolveChallenge,
} from './safe/proposeResolveChallenge.js'
export {
  type ProposeSetDisputeWindowParameters,
  proposeSetDisputeWindow,
} from './safe/proposeSetDisputeWindow.js'
export {
  type ProposeSetMinSettlerBondParameters,
  proposeSetMinSettlerBond,
} from './safe/proposeSetMinSettlerBond.js'
export { type ProposeSetSplitsParameters, proposeSetSplits } from './safe/proposeSetSplits.js'
export {
  type ProposeSetStakingParamsParameters,
  proposeSetStakingParams,
} from './safe/proposeSetStakingParams.js'
export {
  type ProposeSettlerParameters,
  proposeAppointSettler,
  proposeRemoveSettler,
} from './safe/proposeSettler.js'
export { type SimulateAdminCallParameters, simulateAdminCall } from './safe/simulateAdminCall.js'
export type {
  Position,
  Splits,
  StakingContracts,
  StakingParams,
  WriteParameters,
  WriteReturnType,
} from './types.js'
