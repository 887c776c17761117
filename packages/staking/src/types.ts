import type { Account, Address, Hex, TransactionReceipt } from 'viem'

/** The protocol's contract addresses, as in `manifest.contracts`. */
export type StakingContracts = {
  AgentStaking: Address
  AgentRegistry: Address
  FeeRouter: Address
  OpenToken: Address
}

/** Who signs and pays for a write: a viem account (e.g. `privateKeyToAccount(key)`). */
export type WriteParameters = { account: Account }

/** What every write returns: its hash and mined receipt. */
export type WriteReturnType = { hash: Hex; receipt: TransactionReceipt }

/** A staker's position on an agent; token amounts in wei, their value now (after any slash). */
export type Position = {
  /** Active stake: earns rewards, counts toward the agent's minimums. */
  active: bigint
  /** Stake requested out, waiting for `unbondingEnds`; still slashable. */
  unbonding: bigint
  /** Unix seconds when the unbonding stake may be withdrawn; 0n when there never was any. */
  unbondingEnds: bigint
  /** Rewards `claimRewards` would pay now. */
  pendingReward: bigint
  /** The part of `active` staked in the agent's current reward round: it earns from the next round on. */
  warming: bigint
}

/** AgentStaking's parameters (`setParams`). */
export type StakingParams = {
  unbondingPeriod: bigint
  minAgentStake: bigint
  minCreatorStake: bigint
  challengeBond: bigint
  challengerRewardBps: number
  /** Seconds a challenge stays open before it expires unresolved. */
  challengePeriod: bigint
}

/** FeeRouter's fee splits, in basis points; they must sum to 10,000. */
export type Splits = {
  contributors: number
  agentCreator: number
  adapterCreators: number
  stakers: number
  treasury: number
}
