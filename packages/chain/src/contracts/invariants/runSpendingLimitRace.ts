import type { Address } from 'viem'
import type { RaceChange, SpendingLimitAction } from './spendingLimitActions.js'
import { type Attempt, runAttempt, runSameBlock } from './spendingLimitAttempt.js'
import { planEndDelegations, planRemoveDelegate, planSetAllowance } from './spendingLimitConfig.js'
import type { Side, SpendingLimitInvariantHarness } from './spendingLimitInvariantHarness.js'
import { allowanceOf, type SpendingLimitModel, viewAt } from './spendingLimitModel.js'
import { delegateOf, planTransfer } from './spendingLimitTransfer.js'

type H = SpendingLimitInvariantHarness
type M = SpendingLimitModel
const PERIODS = [7n, 60n, 3_600n, 86_400n] as const
const TEN = 10n * 10n ** 18n

/**
 * A delegate races an allowance change: it spends all it has left right before the Safe's change lands (in the
 * same block, ahead by its priority fee, when `sameBlock` and both are predicted to go through), then asks for
 * one wei more than what the changed allowance leaves it (refused: AllowanceExceeded, or UnknownDelegate
 * after a removal or the end of its generation), then takes what is left. Each call's outcome is the model's;
 * invariant 1 (never more than the larger of the old and new allowance in one period) is checked after.
 *
 * @example
 * await runSpendingLimitRace(h, model, { kind: 'race', safe: 0, delegate: 'adversary', token: 0, change: 'lower', sameBlock: true })
 */
export async function runSpendingLimitRace(
  h: H,
  model: M,
  action: Extract<SpendingLimitAction, { kind: 'race' }>,
) {
  const { safe: side, delegate: kind } = action
  const delegate = delegateOf(h, side, kind)
  const granted = [...(model.safes[side].grants.get(delegate)?.keys() ?? [])]
  const token = granted[action.token % Math.max(granted.length, 1)] ?? h.tokens()[action.token % 5]!
  const spendOf = async (amount: bigint, label: string) =>
    planTransfer(h, model, { from: side, of: side, kind, token, amount, toZero: false }, label)
  const left = () => viewAt(allowanceOf(model, side, delegate, token), model.next).remaining
  const spend = await spendOf(left() || 1n, 'race: spend before the change')
  const change = changeOf(h, model, side, delegate, token, action.change)
  if (action.sameBlock && !spend.refusal && !change.refusal) await runSameBlock(h, model, [spend, change])
  else {
    await runAttempt(h, model, spend)
    await runAttempt(h, model, change)
  }
  const after = left()
  await runAttempt(h, model, await spendOf(after + 1n, 'race: one wei more after the change'))
  if (after > 0n) await runAttempt(h, model, await spendOf(after, 'race: what is left after the change'))
}

/** The Safe's change: raise (×2), lower (÷2), another period, P → 0, 0 → P, removal, end of delegations. */
function changeOf(
  h: H,
  model: M,
  side: Side,
  delegate: Address,
  token: Address,
  change: RaceChange,
): Attempt {
  if (change === 'remove') return planRemoveDelegate(h, model, side, delegate)
  if (change === 'end') return planEndDelegations(h, model, side)
  const current = allowanceOf(model, side, delegate, token)
  const amount = current?.amount ?? TEN
  const period = current?.period ?? 60n
  const other = PERIODS[(PERIODS.indexOf(period as (typeof PERIODS)[number]) + 1) % PERIODS.length]!
  const [newAmount, newPeriod] = {
    raise: [amount * 2n, period],
    lower: [amount / 2n || 1n, period],
    period: [amount, other],
    oneTime: [amount, 0n],
    periodic: [amount, period === 0n ? 3_600n : other],
  }[change]
  return planSetAllowance(h, model, side, delegate, token, newAmount!, newPeriod!)
}
