import type { Address } from 'viem'
import { parseEther } from 'viem'
import type { Attack } from './attackChecks.js'
import {
  SL_AGENT,
  SL_ALLOWANCE,
  SL_DAY,
  SL_MALLORY,
  SL_RECIPIENT,
  type SpendingLimitTarget,
} from './spendingLimitHarness.js'

type SpendingLimitAttack = Attack<SpendingLimitTarget>
const OPEN = (n: string) => parseEther(n)
const CODELESS: Address = '0x000000000000000000000000000000000000dEaD'

/** The delegate spends `before`, the Safe changes the allowance, the delegate spends what it still can. */
async function racedChange(
  t: SpendingLimitTarget,
  check: Parameters<SpendingLimitAttack['run']>[1],
  change: { amount: bigint; period: bigint; left: bigint },
) {
  await t.mined(t.spend(SL_ALLOWANCE))
  await t.setAllowance(t.address(SL_AGENT), t.open, change.amount, change.period)
  if (change.left > 0n) await t.mined(t.spend(change.left))
  await check.refused(t.spend(1n), 'AllowanceExceeded')
  const most = SL_ALLOWANCE > change.amount ? SL_ALLOWANCE : change.amount
  const moved = await t.balanceOf(t.open, SL_RECIPIENT)
  check.holds(moved <= most, `${moved} moved in one period, more than max(old, new) = ${most}`)
}

/**
 * Attacks on the delegation's lifetime: a delegate racing an allowance change, a module disabled and
 * re-enabled, an outsider ending an enabled Safe's delegations, a stale owners' transaction planting one.
 */
export const spendingLimitDelegationAttacks: readonly SpendingLimitAttack[] = [
  {
    name: 'the delegate spends the old allowance just before it is raised',
    protections: ['allowance-limit'],
    run: (t, check) => racedChange(t, check, { amount: OPEN('15'), period: SL_DAY, left: OPEN('5') }),
  },
  {
    name: 'the delegate spends the old allowance just before it is lowered',
    protections: ['allowance-limit'],
    run: (t, check) => racedChange(t, check, { amount: OPEN('4'), period: SL_DAY, left: 0n }),
  },
  {
    name: 'the delegate spends the old allowance just before its period becomes one-time',
    protections: ['allowance-limit'],
    run: (t, check) => racedChange(t, check, { amount: OPEN('12'), period: 0n, left: OPEN('2') }),
  },
  {
    name: 'the delegate spends a one-time allowance just before it becomes periodic',
    protections: ['allowance-limit'],
    async run(t, check) {
      await t.setAllowance(t.address(SL_AGENT), t.open, SL_ALLOWANCE, 0n)
      await racedChange(t, check, { amount: SL_ALLOWANCE, period: SL_DAY, left: 0n })
      // The new period started at the change: whole again a period later, not before.
      await t.passTime(SL_DAY - 10n)
      await check.refused(t.spend(1n), 'AllowanceExceeded')
    },
  },
  {
    name: 'the delegate spends late in a long period just before it is shortened',
    protections: ['period-change-restarts'],
    async run(t, check) {
      // Two days, spent in full 1.5 days in; shortened to one day: the old start is more than a day ago.
      await t.setAllowance(t.address(SL_AGENT), t.open, SL_ALLOWANCE, 2n * SL_DAY)
      await t.passTime((3n * SL_DAY) / 2n)
      await racedChange(t, check, { amount: SL_ALLOWANCE, period: SL_DAY, left: 0n })
    },
  },
  {
    name: "the module is disabled with the owners' tools and re-enabled",
    protections: ['end-delegations'],
    async run(t, check) {
      await t.mined(t.asSafe.write.endDelegations())
      await t.disable()
      await t.enable()
      await check.refused(t.spend(1n), 'UnknownDelegate')
      check.holds(!(await t.isDelegate()), 'the delegation survived the disable')
    },
  },
  {
    name: 'the module is disabled bare, recorded by a watcher, and re-enabled',
    protections: ['record-disabled-ends'],
    async run(t, check) {
      await t.disable()
      await t.mined(t.as(SL_MALLORY).write.recordDisabled([t.safe]))
      await t.enable()
      await check.refused(t.spend(1n), 'UnknownDelegate')
      check.holds((await t.allowance()).amount === 0n, 'the allowance survived the disable')
    },
  },
  {
    name: "an outsider ends an enabled Safe's delegations",
    protections: ['record-only-while-disabled'],
    async run(t, check) {
      await check.refused(t.as(SL_MALLORY).write.recordDisabled([t.safe]), 'ModuleStillEnabled')
      check.holds(await t.isDelegate(), 'the delegation was ended')
    },
  },
  {
    name: "a stale owners' setAllowance executed after the disable plants a delegation",
    protections: ['enabled-safe'],
    async run(t, check) {
      await t.mined(t.asSafe.write.endDelegations())
      await t.disable()
      const mallory = t.address(SL_MALLORY)
      await check.refused(
        t.asSafe.write.setAllowance([mallory, t.open, SL_ALLOWANCE, 0n]),
        'ModuleNotEnabled',
      )
      await t.enable()
      check.holds(!(await t.isDelegate(mallory)), 'the planted delegation came alive')
    },
  },
  {
    name: 'the Safe allows a token without code',
    protections: ['token-code-on-set'],
    async run(t, check) {
      const agent = t.address(SL_AGENT)
      await check.refused(
        t.asSafe.write.setAllowance([agent, CODELESS, SL_ALLOWANCE, SL_DAY]),
        'TokenHasNoCode',
      )
      check.holds((await t.allowance(CODELESS)).amount === 0n, 'a codeless token has an allowance')
    },
  },
]
