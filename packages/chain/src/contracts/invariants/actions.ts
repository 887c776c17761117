import fc from 'fast-check'
import { amount, hours, mostly, permille } from './arbitraries.js'
import { routerActionWeights, unauthorizedWeight } from './routerActions.js'

/**
 * The actions the invariant runs generate. Indices pick from the harness's lists (agents, STAKERS,
 * DEPOSITORS, CHALLENGERS, CLAIMANTS); amounts are raw wei or per-mille of what the model says is available,
 * so that both valid and invalid calls come up (an unstake of more than staked, a zero amount, a bad slash, …).
 * Among the actors: a settler that is sometimes malicious (`post` modes), payers that lower their caps or
 * withdraw between metering and settling, the Safe vetoing, and EOAs reaching for every role-guarded call.
 */
export type Action =
  | { kind: 'stake'; agent: number; staker: number; amount: bigint }
  | {
      kind: 'requestUnstake'
      agent: number
      staker: number
      permille: bigint
      overdraw: boolean
      /** Prefer a position with active stake over `agent` and `staker` (see `targetPosition`). */
      targeted: boolean
    }
  | { kind: 'passTime'; hours: bigint }
  /** `wait`: pass 8 days (more than the unbonding period) first. */
  | { kind: 'withdraw'; agent: number; staker: number; targeted: boolean; wait: boolean }
  /**
   * The challenger commits, then reveals in a later block; `copy`: it reveals instead the values another
   * challenger committed to (a challenge copied from the mempool), or evidence already used against the agent.
   */
  | { kind: 'challenge'; agent: number; challenger: number; copy: boolean }
  /** Anyone closes the agent's oldest open challenge as expired (`wait`: pass 15 days first). */
  | { kind: 'expire'; agent: number; wait: boolean }
  /** `stale`: resolve a challenge that is not open (resolved, or not opened yet) instead of an open one. */
  | { kind: 'resolve'; agent: number; upheld: boolean; slashBps: number; stale: boolean }
  /** `payer` indexes DEPOSITORS: two payers, then a bystander that never authorises a charge. */
  | { kind: 'deposit'; payer: number; amount: bigint }
  /** A payer sets its cap (whole OPEN; 0 revokes); a period of 0 with a cap is invalid. */
  | { kind: 'authorize'; payer: number; perPeriod: bigint; period: bigint }
  | { kind: 'requestWithdrawal'; payer: number; permille: bigint }
  /** Withdraws what was requested (`overdraw`: one wei more; `wait`: pass a day first). */
  | { kind: 'withdrawPrepaid'; payer: number; overdraw: boolean; wait: boolean }
  | { kind: 'post'; epoch: PostInput }
  /** Finalises the pending epoch (`tamper`: with another routing; `wait`: pass an hour first). */
  | { kind: 'finalize'; tamper: boolean; wait: boolean }
  /** The Safe vetoes the pending epoch, slashing a per-mille of the settler's bond (above 1000: more than it). */
  | { kind: 'veto'; slashPermille: bigint }
  /** Anyone refunds a vetoed epoch (`tamper`: with other charges). */
  | { kind: 'refund'; tamper: boolean }
  /** `contributor` indexes CLAIMANTS; `pick` chooses among the epochs paying it; `many`: claimMany. */
  | { kind: 'claim'; contributor: number; pick: number; twice: boolean; many: boolean }
  | { kind: 'bond'; withdraw: boolean; permille: bigint }
  | { kind: 'claimRewards'; agent: number; staker: number }
  | { kind: 'unauthorized'; caller: number; call: AdminCall }

/**
 * A role-guarded call an EOA reaches for: AgentStaking's setParams, setFeeRouter, resolveChallenge, unjail
 * and role grants; FeeRouter's setters, veto, postEpoch and role grants (`grantRole`, `revokeRole`);
 * AgentRegistry's pause of an agent the caller did not create and PAUSER_ROLE grant; ModelRegistry's
 * revokeAdapter and ADAPTER_REVOKER_ROLE grant.
 */
export type AdminCall =
  | 'setParams'
  | 'resolveChallenge'
  | 'unjail'
  | 'setSplits'
  | 'setDisputeWindow'
  | 'setMinSettlerBond'
  | 'vetoEpoch'
  | 'grantRole'
  | 'revokeRole'
  | 'postEpoch'
  | 'setFeeRouter'
  | 'grantStakingRole'
  | 'revokeStakingRole'
  | 'pauseAgent'
  | 'grantPauserRole'
  | 'revokeAdapter'
  | 'grantRevokerRole'

/**
 * What the settler posts. `honest`: charges within what each payer may be charged, a payouts root paying
 * contributors exactly what it funds. The malicious settler's modes: `unauthorised` charges the bystander
 * too, `aboveCap` a payer one wei over its cap left, `overdraw` one wei over its balance; `selfPay` routes the
 * contributors' part to itself; `emptyBigRoot` charges nobody under a root paying itself all the router
 * holds; `overpay` funds contributors above their pool.
 */
export type PostMode =
  | 'honest'
  | 'unauthorised'
  | 'aboveCap'
  | 'overdraw'
  | 'selfPay'
  | 'emptyBigRoot'
  | 'overpay'

/** Random knobs from which a consistent (or deliberately broken) epoch is built. */
export type PostInput = {
  /** Per payer: the per-mille of what it may be charged that is charged. */
  chargePermille: [bigint, bigint]
  /** Per cent of the fees that go to the first agent (the rest to the second). */
  firstAgentPercent: bigint
  /** Per cent of the adapter creators' pool that goes to the first adapter creator. */
  firstAdapterPercent: bigint
  /** Per-mille of the contributors' pool that the new payouts root adds. */
  paidPermille: bigint
  /** Weights splitting `contributorsPaid` between the contributors. */
  contributorWeights: [bigint, bigint, bigint]
  mode: PostMode
}

const agent = fc.integer({ min: 0, max: 1 })
const staker = fc.integer({ min: 0, max: 3 })
/** Invalid (0 or above 10000) or valid, with the edges 1, 9999 and 10000 (a wipe-out) weighted up. */
const slashBps = fc.oneof(
  { arbitrary: fc.constantFrom(0, 10_001), weight: 1 },
  { arbitrary: fc.constantFrom(1, 9_999, 10_000), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 10_000 }), weight: 4 },
)

/**
 * One random action, weighted towards the ones that move OPEN (stake, post, finalise, claims).
 *
 * @example
 * fc.sample(actionArbitrary, 3)
 */
export const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('stake' as const), agent, staker, amount }), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant('requestUnstake' as const),
      agent,
      staker,
      permille,
      overdraw: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      targeted: mostly,
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('passTime' as const), hours }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      agent,
      staker,
      targeted: mostly,
      wait: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('challenge' as const),
      agent,
      challenger: fc.integer({ min: 0, max: 1 }),
      copy: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('expire' as const), agent, wait: fc.boolean() }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      agent,
      upheld: fc.boolean(),
      slashBps,
      stale: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
    weight: 4,
  },
  ...routerActionWeights,
  { arbitrary: fc.record({ kind: fc.constant('claimRewards' as const), agent, staker }), weight: 2 },
  unauthorizedWeight,
)
