import { expect } from 'vitest'
import {
  HONEST_DELEGATES,
  SIDES,
  type SpendingLimitInvariantHarness,
  TOKEN_NAMES,
} from './spendingLimitInvariantHarness.js'
import type { spendingLimitLogChecker } from './spendingLimitLogChecker.js'
import { balanceOf, type SpendingLimitModel, viewAt } from './spendingLimitModel.js'

/**
 * Asserts the spending limit's invariants against the chain after a step (each step has already asserted
 * every call's outcome: success, or the exact custom error with its values):
 * 1. For every (Safe, generation, delegate, token), what left the Safe through that allowance in one epoch
 *    (from a reset to the next; the balances measured each transfer) is at most the largest amount in force
 *    during it: the max(old, new) rule across changes. A one-time allowance's epoch never ends (2 shows the
 *    chain agrees: its `lastReset` and `spent` never reset).
 * 2. `allowanceOf` equals the model for both Safes × all four delegates × every token (amount, spent,
 *    resetPeriod, lastReset, remaining, at the latest block's time), and so do `isDelegate`, `tokensOf`,
 *    `generationOf` and the Safe's `isModuleEnabled`.
 * 3. No delegate moves anything after its generation ended or it was removed (`spendingLimitLogChecker`).
 * 4. A refused transfer moved nothing (checked at each refusal: Safe and recipient balances unchanged) and
 *    recorded nothing (2); a re-entering transfer's inner call was refused by the guard, and its outer one
 *    moved and recorded its amount once.
 * 5. Every tracked balance (both Safes, the payee, both adversaries, the cold wallet; OPEN, ether and the odd
 *    tokens) is what the model expects: only the transfers it predicted moved anything.
 * 6. No one but the Safe itself changed its configuration (2, plus the event senders in the log checker).
 *
 * @example
 * await checkSpendingLimitInvariants(harness, model, logs)
 */
export async function checkSpendingLimitInvariants(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  logs: ReturnType<typeof spendingLimitLogChecker>,
): Promise<void> {
  const block = await h.devnet.env.connection.publicClient.getBlock()
  expect(block.timestamp, "the chain's clock").toBe(model.now)
  await Promise.all([checkConfiguration(h, model), checkBalances(h, model), logs.check()])
  checkEpochs(model)
}

async function checkConfiguration(h: SpendingLimitInvariantHarness, model: SpendingLimitModel) {
  const module = h.moduleAs(0).read
  const delegates = [...SIDES.map((side) => h.devnet.address(HONEST_DELEGATES[side])), ...h.adversaries()]
  const rows = SIDES.flatMap((side) => {
    const safe = h.safes()[side]!
    const { enabled, generation, grants } = model.safes[side]
    const row = (what: string, read: Promise<unknown>, expected: unknown) =>
      read.then((actual) => ({ what: `Safe ${'AB'[side]} ${what}`, actual, expected }))
    return [
      row('module enabled', h.safeAs(side).read.isModuleEnabled([h.module()]), enabled),
      row('generation', module.generationOf([safe]), generation),
      ...delegates.flatMap((delegate) => [
        row(`isDelegate ${delegate}`, module.isDelegate([safe, delegate]), grants.has(delegate)),
        row(`tokensOf ${delegate}`, module.tokensOf([safe, delegate]), [
          ...(grants.get(delegate)?.keys() ?? []),
        ]),
        ...h
          .tokens()
          .map((token, i) =>
            row(
              `allowanceOf ${delegate} ${TOKEN_NAMES[i]}`,
              module.allowanceOf([safe, delegate, token]),
              viewAt(grants.get(delegate)?.get(token), model.now),
            ),
          ),
      ]),
    ]
  })
  const checked = await Promise.all(rows)
  expect(checked.map((r) => [r.what, r.actual])).toEqual(checked.map((r) => [r.what, r.expected]))
}

async function checkBalances(h: SpendingLimitInvariantHarness, model: SpendingLimitModel) {
  const rows = h.holders().flatMap((holder) =>
    h.tokens().map(async (token, i) => ({
      what: `${TOKEN_NAMES[i]} of ${holder}`,
      actual: await h.balanceOf(token, holder),
      expected: balanceOf(model, holder, token),
    })),
  )
  const checked = await Promise.all(rows)
  expect(checked.map((r) => [r.what, r.actual])).toEqual(checked.map((r) => [r.what, r.expected]))
}

function checkEpochs(model: SpendingLimitModel) {
  for (const side of SIDES)
    for (const [delegate, tokens] of model.safes[side].grants)
      for (const [token, a] of tokens) {
        const what = `Safe ${'AB'[side]}, generation ${model.safes[side].generation}, ${delegate}, ${token}`
        expect(a.epochMoved, `${what}: moved in one period beyond the largest allowance`).toBeLessThanOrEqual(
          a.epochMax,
        )
      }
}
