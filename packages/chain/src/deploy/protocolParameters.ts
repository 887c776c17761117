import { parseEther } from 'viem'

/** The economic parameters the deployment starts with; the treasury Safe changes them later. */
export type ProtocolParameters = {
  staking: {
    /** Seconds an agent's unstaked OPEN stays slashable before it can be withdrawn. */
    unbondingPeriod: bigint
    minAgentStake: bigint
    minCreatorStake: bigint
    challengeBond: bigint
    /** Share of slashed stake paid to an upheld challenger, in basis points. */
    challengerRewardBps: number
    /** Seconds a challenge stays open before it expires unresolved (its bond then goes back). */
    challengePeriod: bigint
  }
  /** Fee split in basis points; sums to 10,000. */
  splits: {
    contributors: number
    agentCreator: number
    adapterCreators: number
    stakers: number
    treasury: number
  }
  /** Seconds between asking to withdraw a prepaid balance and withdrawing it. */
  withdrawalDelay: bigint
  /** Seconds a posted fee epoch waits, vetoable by the Safe, before anyone may finalise it. */
  disputeWindow: bigint
  /** The OPEN bond a settler must hold to post an epoch (slashable on a veto). */
  minSettlerBond: bigint
}

const DAY = 24n * 60n * 60n

/**
 * Defaults: 7-day unbonding, 1,000 OPEN per agent (100 from its creator), 100 OPEN challenge bond open for
 * 14 days, a 1-day
 * withdrawal delay, a 1-day dispute window on fee epochs and a 10,000 OPEN settler bond.
 */
export const defaultProtocolParameters: ProtocolParameters = {
  staking: {
    unbondingPeriod: 7n * DAY,
    minAgentStake: parseEther('1000'),
    minCreatorStake: parseEther('100'),
    challengeBond: parseEther('100'),
    challengerRewardBps: 1_000,
    challengePeriod: 14n * DAY,
  },
  splits: {
    contributors: 4_000,
    agentCreator: 2_000,
    adapterCreators: 1_000,
    stakers: 2_000,
    treasury: 1_000,
  },
  withdrawalDelay: DAY,
  disputeWindow: DAY,
  minSettlerBond: parseEther('10000'),
}

/**
 * The devnet's parameters: the defaults with a dispute window of seconds, so the local stack finalises its
 * fee epochs while you watch, and a 1,000 OPEN settler bond.
 */
export const devnetProtocolParameters: ProtocolParameters = {
  ...defaultProtocolParameters,
  disputeWindow: 10n,
  minSettlerBond: parseEther('1000'),
}
