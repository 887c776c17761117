import fc from 'fast-check'
import type { Action, AdminCall, PostInput, PostMode } from './actions.js'
import { ADMIN_CALLS, amount, hours, mostly, permille } from './arbitraries.js'

const postInput: fc.Arbitrary<PostInput> = fc.record({
  chargePermille: fc.tuple(permille, permille),
  firstAgentPercent: fc.bigInt({ min: 0n, max: 100n }),
  firstAdapterPercent: fc.bigInt({ min: 0n, max: 100n }),
  paidPermille: permille,
  contributorWeights: fc.tuple(
    fc.bigInt({ min: 0n, max: 5n }),
    fc.bigInt({ min: 0n, max: 5n }),
    fc.bigInt({ min: 1n, max: 5n }),
  ),
  mode: fc.oneof(
    { arbitrary: fc.constant<PostMode>('honest'), weight: 6 },
    {
      arbitrary: fc.constantFrom<PostMode>(
        'unauthorised',
        'aboveCap',
        'overdraw',
        'selfPay',
        'emptyBigRoot',
        'overpay',
      ),
      weight: 4,
    },
  ),
})
const payer = fc.integer({ min: 0, max: 1 })
const depositor = fc.integer({ min: 0, max: 2 })

/** FeeRouter's actions, weighted, among them the malicious settler's posts and the malicious payers' moves. */
export const routerActionWeights: fc.WeightedArbitrary<Action>[] = [
  { arbitrary: fc.record({ kind: fc.constant('deposit' as const), payer: depositor, amount }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('authorize' as const),
      payer,
      perPeriod: fc.constantFrom(0n, 1n, 50n, 1000n, 1_000_000n).map((whole) => whole * 10n ** 18n),
      period: fc.constantFrom(0n, 3600n, 86_400n, 86_400n, 604_800n),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('requestWithdrawal' as const), payer: depositor, permille }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('withdrawPrepaid' as const),
      payer: depositor,
      overdraw: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      wait: fc.boolean(),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('post' as const), epoch: postInput }), weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('finalize' as const),
      tamper: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      wait: mostly,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('veto' as const),
      // Mostly nothing or a little; now and then all of it, or more than the bond.
      slashPermille: fc.oneof(
        { arbitrary: fc.constant(0n), weight: 4 },
        { arbitrary: fc.bigInt({ min: 1n, max: 300n }), weight: 3 },
        { arbitrary: fc.bigInt({ min: 1000n, max: 1500n }), weight: 1 },
      ),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const), tamper: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      contributor: fc.integer({ min: 0, max: 3 }),
      pick: fc.nat(7),
      twice: fc.boolean(),
      many: fc.boolean(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('bond' as const),
      withdraw: fc.boolean(),
      // Above 1000: more than the bond (withdrawing), a top-up of up to twice the minimum (depositing).
      permille: fc.bigInt({ min: 0n, max: 2000n }),
    }),
    weight: 2,
  },
]

/** An EOA (any dev account) calling an owner-only or role-guarded function. */
export const unauthorizedWeight: fc.WeightedArbitrary<Action> = {
  arbitrary: fc.record({
    kind: fc.constant('unauthorized' as const),
    caller: fc.integer({ min: 0, max: 9 }),
    call: fc.constantFrom<AdminCall>(...ADMIN_CALLS),
  }),
  weight: 2,
}

/**
 * One random FeeRouter action, passing time or an EOA reaching for a Safe power: the router-only runs.
 *
 * @example
 * fc.sample(routerActionArbitrary, 3)
 */
export const routerActionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  ...routerActionWeights,
  { arbitrary: fc.record({ kind: fc.constant('passTime' as const), hours }), weight: 3 },
  unauthorizedWeight,
)
