import { type Hex, parseEther, toFunctionSelector } from 'viem'
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
const REENTRANT_CALL = toFunctionSelector('error ReentrancyGuardReentrantCall()')

/**
 * Attacks by the delegate (the agent's key) and by tokens and recipients on the spending itself: above the
 * allowance, twice in a period, at the period's boundaries, through odd tokens and re-entrance.
 */
export const spendingLimitSpendAttacks: readonly SpendingLimitAttack[] = [
  {
    name: 'the delegate spends more than its allowance at once',
    protections: ['allowance-limit'],
    async run(t, check) {
      await check.refused(t.spend(SL_ALLOWANCE + 1n), 'AllowanceExceeded')
      check.holds((await t.balanceOf(t.open, SL_RECIPIENT)) === 0n, 'OPEN left the Safe')
    },
  },
  {
    name: 'the delegate spends its allowance twice in one period',
    protections: ['record-spending', 'allowance-limit'],
    async run(t, check) {
      await t.mined(t.spend(SL_ALLOWANCE))
      await check.refused(t.spend(1n), 'AllowanceExceeded')
      check.holds((await t.balanceOf(t.open, SL_RECIPIENT)) === SL_ALLOWANCE, 'more than the allowance moved')
    },
  },
  {
    name: 'the delegate spends again P − 1 seconds into the period, then exactly at P and P later',
    protections: ['period-boundary', 'allowance-limit'],
    async run(t, check) {
      const { lastReset } = await t.allowance()
      await t.mined(t.spend(SL_ALLOWANCE))
      await t.nextBlockAt(lastReset + SL_DAY - 1n)
      await check.refused(t.spend(1n), 'AllowanceExceeded')
      // Exactly P after the start a new period begins, whole, anchored at the old start + P.
      await t.nextBlockAt(lastReset + SL_DAY)
      await t.mined(t.spend(SL_ALLOWANCE))
      check.holds((await t.allowance()).lastReset === lastReset + SL_DAY, 'the new period is not anchored')
      await check.refused(t.spend(1n), 'AllowanceExceeded')
    },
  },
  {
    name: 'the delegate waits several periods and finds resets anchored to the first start',
    protections: ['allowance-limit'],
    async run(t, check) {
      const { lastReset } = await t.allowance()
      await t.nextBlockAt(lastReset + 3n * SL_DAY + 5_000n)
      await t.mined(t.spend(SL_ALLOWANCE))
      const after = await t.allowance()
      check.holds(after.lastReset === lastReset + 3n * SL_DAY, `period starts at ${after.lastReset}`)
      await check.refused(t.spend(1n), 'AllowanceExceeded')
    },
  },
  {
    name: 'the delegate spends a one-time allowance again a year later',
    protections: ['allowance-limit'],
    async run(t, check) {
      const agent = t.address(SL_AGENT)
      await t.setAllowance(agent, t.open, SL_ALLOWANCE, 0n)
      await t.mined(t.spend(SL_ALLOWANCE))
      await t.passTime(365n * SL_DAY)
      await check.refused(t.spend(1n), 'AllowanceExceeded')
    },
  },
  {
    name: 'an outsider spends from the Safe',
    protections: [],
    async run(t, check) {
      const mallory = t.as(SL_MALLORY)
      await check.refused(
        mallory.write.executeTransfer([t.safe, t.open, SL_RECIPIENT, 1n]),
        'UnknownDelegate',
      )
    },
  },
  {
    name: 'a token returning false is counted as paid',
    protections: ['transfer-result'],
    async run(t, check) {
      const token = t.tokens.falseReturning
      await t.setAllowance(t.address(SL_AGENT), token, SL_ALLOWANCE, SL_DAY)
      await check.refused(t.spend(OPEN('4'), token), 'TransferFailed')
      check.holds((await t.allowance(token)).spent === 0n, 'a failed transfer was counted')
    },
  },
  {
    name: 'a token returning nothing (USDT-style) moves and counts',
    protections: ['record-spending'],
    async run(t, check) {
      const token = t.tokens.noReturn
      await t.setAllowance(t.address(SL_AGENT), token, SL_ALLOWANCE, SL_DAY)
      await t.mined(t.spend(OPEN('6'), token))
      check.holds((await t.balanceOf(token, SL_RECIPIENT)) === OPEN('6'), 'the transfer moved nothing')
      check.holds((await t.allowance(token)).spent === OPEN('6'), 'the transfer was not counted')
      await check.refused(t.spend(OPEN('5'), token), 'AllowanceExceeded')
    },
  },
  {
    name: 'a token whose code is gone is counted as paid',
    protections: ['token-code-on-transfer'],
    async run(t, check) {
      const token = t.tokens.noReturn
      await t.setAllowance(t.address(SL_AGENT), token, SL_ALLOWANCE, SL_DAY)
      await t.removeCode(token)
      await check.refused(t.spend(OPEN('4'), token), 'TokenHasNoCode')
      check.holds((await t.allowance(token)).spent === 0n, 'a call to an address without code was counted')
    },
  },
  {
    name: 'a recipient re-enters the module from the token hook',
    protections: ['reentrancy'],
    async run(t, check) {
      const token = t.tokens.reentering
      const delegate = await t.deployReenteringDelegate()
      await t.setAllowance(delegate.address, token, SL_ALLOWANCE, SL_DAY)
      await t.mined(delegate.write.spend([t.safe, token, OPEN('4'), OPEN('4')]))
      check.holds(!(await delegate.read.reentered()), 'the re-entering transfer went through')
      const error = (await delegate.read.reentryError()) as Hex
      check.holds(error.startsWith(REENTRANT_CALL), `re-entry refused otherwise (${error})`)
      check.holds((await t.balanceOf(token, delegate.address)) === OPEN('4'), 'more than one transfer moved')
      const { spent } = await t.allowance(token, delegate.address)
      check.holds(spent === OPEN('4'), `the allowance counts ${spent}`)
    },
  },
]
