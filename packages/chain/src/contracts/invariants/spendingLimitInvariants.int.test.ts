import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkSpendingLimitInvariants } from './checkSpendingLimitInvariants.js'
import { runSpendingLimitAction } from './runSpendingLimitAction.js'
import { type SpendingLimitAction, spendingLimitActionArbitrary } from './spendingLimitActions.js'
import { spendingLimitBaseline } from './spendingLimitBaseline.js'
import { useSpendingLimitInvariantHarness } from './spendingLimitInvariantHarness.js'
import { spendingLimitLogChecker } from './spendingLimitLogChecker.js'

/**
 * SpendingLimitModule driven by random action sequences (fast-check, fixed seed) on two real Safes: their
 * owners' configuration calls (new, raised, lowered allowances, period changes and P ↔ 0, removals,
 * endDelegations, bare disables, re-enables), an outsider's recordDisabled, an honest and an adversarial
 * delegate per Safe (the adversary overspends, races the Safe's changes in the same block, re-enters from a
 * token hook, spends from the other Safe), dev accounts reaching for the Safe's powers, and a clock moved to
 * periods' ends exactly (P − 1, P, 2P, 3P − 1 after an anchor). Every call's outcome is asserted against the
 * model (spendingLimitModel.ts), and after every step `checkSpendingLimitInvariants` compares the chain with
 * it. Each run starts from one EVM snapshot and reverts to it, so runs are independent.
 */
const harness = useSpendingLimitInvariantHarness()
const { devnet } = harness
/** Outcomes every run together must reach, so that the runs cannot silently stop testing something. */
const MUST_REACH = [
  /^transfer \(\w+\) of \w+ by the honest: ok$/,
  /^transfer \(\w+\) of \w+ by the adversary: ok$/,
  /^transfer .*: AllowanceExceeded$/,
  /^transfer .*: UnknownDelegate$/,
  /^transfer .*: TransferFailed$/,
  /^transfer .*: ZeroAddress$/,
  /^transfer .*: ZeroAmount$/,
  /^transfer .*: ModuleNotEnabled$/,
  /^foreign transfer .*: UnknownDelegate$/,
  /^re-entry refused by the guard$/,
  /exactly at a period's end: ok$/,
  /one second before a period's end: AllowanceExceeded$/,
  /^race: spend before the change .*: ok \(same block\)$/,
  /^race: one wei more after the change .*: AllowanceExceeded$/,
  /^race: one wei more after the change .*: UnknownDelegate$/,
  /^setAllowance \(new\): ok$/,
  /^setAllowance \(raise.*\): ok$/,
  /^setAllowance \(lower.*\): ok$/,
  /^setAllowance .*period changed\): ok$/,
  /^setAllowance .*P → 0\): ok$/,
  /^setAllowance .*0 → P\): ok$/,
  /^setAllowance .*: ModuleNotEnabled$/,
  /^removeDelegate: ok$/,
  /^endDelegations .*: ok$/,
  /^enableModule \(delegates left\): ok$/,
  /^enableModule \(no delegates\): ok$/,
  /^an ended delegate spends \(enabled\)$/,
  /^recordDisabled: ok$/,
  /^recordDisabled: ModuleStillEnabled$/,
  /^passTime to P-1$/,
  /^passTime to P, mined$/,
  /^unauthorized .*: ModuleNotEnabled$/,
  /^unauthorized endDelegations \(its own\): ok$/,
  /^unauthorized .*: Error\(GS031\)$/,
]
const reached = new Set<string>()

async function inSnapshot(actions: readonly SpendingLimitAction[]) {
  const snapshot = await devnet.testClient.snapshot()
  try {
    const model = await spendingLimitBaseline(harness, reached)
    const start = await devnet.env.connection.publicClient.getBlockNumber({ cacheTime: 0 })
    const logs = spendingLimitLogChecker(harness, model, start + 1n)
    await checkSpendingLimitInvariants(harness, model, logs)
    for (const [step, action] of actions.entries()) {
      try {
        await runSpendingLimitAction(harness, model, action)
        await checkSpendingLimitInvariants(harness, model, logs)
      } catch (cause) {
        const shown = JSON.stringify(action, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
        throw new Error(`step ${step}: ${shown}: ${(cause as Error).message}`, { cause })
      }
    }
  } finally {
    await devnet.testClient.revert({ id: snapshot })
  }
}

describe('SpendingLimitModule invariants', () => {
  it('hold after every step of random allowance, delegation, disable, transfer, race and clock sequences on two Safes, with adversarial delegates and outsiders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spendingLimitActionArbitrary, { minLength: 25, maxLength: 25 }), inSnapshot),
      { seed: 20_261_208, numRuns: 25, endOnFailure: true },
    )
    const labels = [...reached]
    expect(MUST_REACH.filter((pattern) => !labels.some((label) => pattern.test(label)))).toEqual([])
  }, 120_000)
})
