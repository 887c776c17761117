import fc from 'fast-check'
import type { Side } from './spendingLimitInvariantHarness.js'

/** A Safe's delegates: an honest agent key, and Mallory's re-entering contract that overspends and races. */
export type DelegateKind = 'honest' | 'adversary'

/**
 * How much a transfer asks for, against the remaining allowance the model computes at the transfer's block
 * time: `within` (a per-mille of it, at least 1 wei), `at` (all of it), `above` (one wei more), `wholePlusOne`
 * (one wei above the whole allowance), `zero`, or `toZeroAddress` (within, to the zero address).
 */
export type TransferSize = 'within' | 'at' | 'above' | 'wholePlusOne' | 'zero' | 'toZeroAddress'

/** What the Safe does to the allowance a delegate just spent (`race`). */
export type RaceChange = 'raise' | 'lower' | 'period' | 'oneTime' | 'periodic' | 'remove' | 'end'

/** Where `passTime` moves the clock: to a picked allowance's period end − 1, end, 2 periods, 3 − 1 s, or by seconds. */
export type TimeTarget = 'P-1' | 'P' | '2P' | '3P-1' | 'seconds'

/** A dev account calling the module or the Safe directly, as if it held the Safe's powers. */
export type UnauthorizedCall =
  | 'setAllowance'
  | 'removeDelegate'
  | 'endDelegations'
  | 'enableModule'
  | 'disableModule'
  | 'execTransactionFromModule'
export type Caller = 'owner' | 'honest' | 'mallory' | 'outsider'

/**
 * The actions the spending limit's invariant runs generate. Token indices pick from `TOKEN_NAMES`, 5 being an
 * address without code. `setAllowance`'s `change`: `set` to `amount` (0: ZeroAmount), `raise` doubles the
 * current amount, `lower` halves it (a new grant takes `amount` either way); `delegate: 'zeroAddress'` grants
 * the zero address. Transfers are `targeted` at a token the delegate has an allowance of when it has one;
 * `foreign` spends from the other Safe.
 */
export type SpendingLimitAction =
  | {
      kind: 'setAllowance'
      safe: Side
      delegate: DelegateKind | 'zeroAddress'
      token: number
      change: 'set' | 'raise' | 'lower'
      amount: bigint
      /** `keep`: the current period (60 s for a new grant). */
      period: bigint | 'keep'
    }
  | { kind: 'removeDelegate'; safe: Side; delegate: DelegateKind }
  /** `disable`: then disables the module, as the tools' `disableSpendingLimit` does (a batch there). */
  | { kind: 'endDelegations'; safe: Side; disable: boolean }
  /**
   * A bare `disableModule`, as another Safe UI sends it; `afterwards`: the owners re-enable at once (the old
   * delegations revive: the documented limit), or the outsider records it first (nothing revives).
   */
  | { kind: 'disable'; safe: Side; afterwards: 'stay' | 'reenable' | 'recordThenReenable' }
  | { kind: 'enable'; safe: Side }
  /** The outsider calls `recordDisabled` (refused while the module is enabled). */
  | { kind: 'recordDisabled'; safe: Side }
  | {
      kind: 'transfer'
      safe: Side
      delegate: DelegateKind
      foreign: boolean
      token: number
      targeted: boolean
      size: TransferSize
      permille: bigint
    }
  /**
   * The delegate spends all it has left right before the Safe's change lands (`sameBlock`: in the same block,
   * ahead of it by a higher priority fee), then tries one wei more than what is left after, then what is left.
   */
  | {
      kind: 'race'
      safe: Side
      delegate: DelegateKind
      token: number
      change: RaceChange
      sameBlock: boolean
    }
  /** `pick` chooses among the periodic allowances; `mine`: mine an empty block there (views see it). */
  | { kind: 'passTime'; to: TimeTarget; seconds: bigint; pick: number; mine: boolean }
  /** The owners move a per-mille of the Safe's own `token` to their cold wallet (ether: at most 90%). */
  | { kind: 'withdraw'; safe: Side; token: number; permille: bigint }
  | { kind: 'unauthorized'; safe: Side; caller: Caller; call: UnauthorizedCall }

const side = fc.constantFrom<Side>(0, 1)
const delegate = fc.constantFrom<DelegateKind>('honest', 'adversary')
const permille = fc.bigInt({ min: 0n, max: 1000n })
/** The five tokens, and now and then an address without code. */
const token = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 12 },
  { arbitrary: fc.constant(5), weight: 1 },
)
const unit = 10n ** 18n
/** Amounts around the Safes' balances (100 and 30), odd wei included; 0 now and then. */
const allowanceAmount = fc.oneof(
  { arbitrary: fc.constantFrom(1n, 4n, 10n, 25n, 60n).map((n) => n * unit), weight: 8 },
  { arbitrary: fc.constant(7n * unit + 3n), weight: 1 },
  { arbitrary: fc.constant(0n), weight: 1 },
)
/** One-time, 7 s (crossed by the blocks themselves), a minute, an hour, a day. */
const period = fc.constantFrom(0n, 7n, 60n, 3_600n, 86_400n)
const transfer = (
  sizes: readonly { arbitrary: fc.Arbitrary<TransferSize>; weight: number }[],
  who: DelegateKind,
) =>
  fc.record({
    kind: fc.constant('transfer' as const),
    safe: side,
    delegate: fc.constant(who),
    foreign: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    token,
    targeted: fc.integer({ min: 0, max: 4 }).map((n) => n !== 0),
    size: fc.oneof(...sizes),
    permille,
  })
const honestSizes = [
  { arbitrary: fc.constantFrom<TransferSize>('within', 'at'), weight: 8 },
  { arbitrary: fc.constantFrom<TransferSize>('zero', 'toZeroAddress', 'above'), weight: 2 },
]
const adversarySizes = [
  { arbitrary: fc.constantFrom<TransferSize>('above', 'wholePlusOne', 'at'), weight: 8 },
  { arbitrary: fc.constantFrom<TransferSize>('within', 'zero'), weight: 2 },
]

/**
 * One random action, weighted towards spending (the adversary's overspending included), allowance changes,
 * races and the clock.
 *
 * @example
 * fc.sample(spendingLimitActionArbitrary, 3)
 */
export const spendingLimitActionArbitrary: fc.Arbitrary<SpendingLimitAction> = fc.oneof(
  { arbitrary: transfer(honestSizes, 'honest'), weight: 6 },
  { arbitrary: transfer(adversarySizes, 'adversary'), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant('race' as const),
      safe: side,
      delegate,
      token,
      change: fc.constantFrom<RaceChange>('raise', 'lower', 'period', 'oneTime', 'periodic', 'remove', 'end'),
      sameBlock: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('setAllowance' as const),
      safe: side,
      delegate: fc.oneof(
        { arbitrary: delegate, weight: 12 },
        { arbitrary: fc.constant('zeroAddress' as const), weight: 1 },
      ),
      token,
      change: fc.constantFrom('set' as const, 'raise' as const, 'lower' as const),
      amount: allowanceAmount,
      period: fc.oneof(
        { arbitrary: period, weight: 2 },
        { arbitrary: fc.constant('keep' as const), weight: 1 },
      ),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('passTime' as const),
      to: fc.constantFrom<TimeTarget>('P-1', 'P', '2P', '3P-1', 'seconds'),
      seconds: fc.constantFrom(1n, 59n, 3_600n, 86_400n, 30n * 86_400n),
      pick: fc.nat({ max: 15 }),
      mine: fc.boolean(),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('removeDelegate' as const), safe: side, delegate }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('endDelegations' as const), safe: side, disable: fc.boolean() }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('disable' as const),
      safe: side,
      afterwards: fc.constantFrom('stay' as const, 'reenable' as const, 'recordThenReenable' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('enable' as const), safe: side }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('recordDisabled' as const), safe: side }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      safe: side,
      token: fc.nat({ max: 4 }),
      permille,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('unauthorized' as const),
      safe: side,
      caller: fc.constantFrom<Caller>('owner', 'honest', 'mallory', 'outsider'),
      call: fc.constantFrom<UnauthorizedCall>(
        'setAllowance',
        'removeDelegate',
        'endDelegations',
        'enableModule',
        'disableModule',
        'execTransactionFromModule',
      ),
    }),
    weight: 2,
  },
)
