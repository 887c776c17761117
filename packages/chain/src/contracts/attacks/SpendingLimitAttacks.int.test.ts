import { spendingLimitModuleBytecode } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { runAttack } from './attackChecks.js'
import { spendingLimitAttacks } from './spendingLimitAttacks.js'
import { useSpendingLimitDevnet } from './spendingLimitHarness.js'

/**
 * The named attacks on SpendingLimitModule as built (`npm run build -w @openledger/contracts`): a delegate
 * racing allowance changes and period boundaries, odd tokens (returning false, returning nothing, without
 * code, calling back), a module disabled and re-enabled, an outsider ending an enabled Safe's delegations.
 * Each runs on a freshly deployed module; SpendingLimitMutations.int.test.ts runs the same attacks on
 * test-only builds with one protection switched off. (Here rather than in tools, beside the module's SDK:
 * the attack harness is not part of @openledger/chain's exports.)
 */
const { deployModule } = useSpendingLimitDevnet()

describe('SpendingLimitModule withstands', () => {
  it.each(spendingLimitAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_, attack) => {
    const target = await deployModule(spendingLimitModuleBytecode)
    const { outcome, ...rest } = await runAttack(target, attack)
    expect(outcome, 'error' in rest ? rest.error.message : '').toBe('withstood')
  })
})
