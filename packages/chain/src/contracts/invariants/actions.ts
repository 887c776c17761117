import fc from 'fast-check'
import { parseEther } from 'viem'

/**
 * The actions the invariant runs generate. Indices pick from the harness's lists (agents, STAKERS, PAYERS,
 * CHALLENGERS, CONTRIBUTORS); amounts are raw wei or per-mille of what the model says is available, so that
 * both valid and invalid calls come up (an unstake of more than staked, a zero amount, a bad slash, …).
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
  | { kind: 'challenge'; agent: number; challenger: number }
  /** `stale`: resolve a challenge that is not open (resolved, or not opened yet) instead of an open one. */
  | { kind: 'resolve'; agent: number; upheld: boolean; slashBps: number; stale: boolean }
  | { kind: 'deposit'; payer: number; amount: bigint }
  | { kind: 'settle'; epoch: SettleInput }
  | { kind: 'claim'; contributor: number; twice: boolean }
  | { kind: 'claimRewards'; agent: number; staker: number }
  | { kind: 'unauthorized'; caller: number; call: AdminCall }

export type AdminCall = 'setParams' | 'resolveChallenge' | 'setSplits' | 'setSettler' | 'unjail'

/** Random knobs from which a consistent (or deliberately broken) settlement is built. */
export type SettleInput = {
  /** Per payer: the per-mille of its prepaid balance charged. */
  chargePermille: [bigint, bigint]
  /** Per cent of the fees that go to the first agent (the rest to the second). */
  firstAgentPercent: bigint
  /** Per cent of the adapter creators' pool that goes to the first adapter creator. */
  firstAdapterPercent: bigint
  /** Per-mille of the contributors' pool that the new payouts root adds. */
  paidPermille: bigint
  /** Weights splitting `contributorsPaid` between the contributors. */
  contributorWeights: [bigint, bigint, bigint]
  /** `overcharge`: a charge exceeds its payer's balance; `overpay`: contributorsPaid exceeds the pool. */
  fault: 'none' | 'overcharge' | 'overpay'
}

const agent = fc.integer({ min: 0, max: 1 })
const staker = fc.integer({ min: 0, max: 3 })
const permille = fc.bigInt({ min: 0n, max: 1000n })
/** True 4 times out of 5. */
const mostly = fc.integer({ min: 0, max: 4 }).map((n) => n !== 0)
/** Zero (invalid), dust (rounding-heavy) or up to 1,000 OPEN with odd wei. */
const amount = fc.oneof(
  { arbitrary: fc.constant(0n), weight: 1 },
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 6n }), weight: 3 },
  { arbitrary: fc.bigInt({ min: 10n ** 15n, max: parseEther('1000') }), weight: 6 },
)
/** Hours only (see `runStakingAction`'s withdraw): 1 hour, 1 day, 3 days or 8 days. */
const hours = fc.constantFrom(1n, 24n, 72n, 192n, 192n)
/** Invalid (0 or above 10000) or valid, with the edges 1, 9999 and 10000 (a wipe-out) weighted up. */
const slashBps = fc.oneof(
  { arbitrary: fc.constantFrom(0, 10_001), weight: 1 },
  { arbitrary: fc.constantFrom(1, 9_999, 10_000), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 10_000 }), weight: 4 },
)
const settleInput: fc.Arbitrary<SettleInput> = fc.record({
  chargePermille: fc.tuple(permille, permille),
  firstAgentPercent: fc.bigInt({ min: 0n, max: 100n }),
  firstAdapterPercent: fc.bigInt({ min: 0n, max: 100n }),
  paidPermille: permille,
  contributorWeights: fc.tuple(
    fc.bigInt({ min: 0n, max: 5n }),
    fc.bigInt({ min: 0n, max: 5n }),
    fc.bigInt({ min: 1n, max: 5n }),
  ),
  fault: fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 8 },
    { arbitrary: fc.constantFrom('overcharge' as const, 'overpay' as const), weight: 1 },
  ),
})

/**
 * One random action, weighted towards the ones that move OPEN (stake, settle, claims).
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
    }),
    weight: 3,
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
  {
    arbitrary: fc.record({
      kind: fc.constant('deposit' as const),
      payer: fc.integer({ min: 0, max: 1 }),
      amount,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('settle' as const), epoch: settleInput }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      contributor: fc.integer({ min: 0, max: 2 }),
      twice: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('claimRewards' as const), agent, staker }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('unauthorized' as const),
      caller: fc.integer({ min: 0, max: 9 }),
      call: fc.constantFrom<AdminCall>('setParams', 'resolveChallenge', 'setSplits', 'setSettler', 'unjail'),
    }),
    weight: 1,
  },
)
