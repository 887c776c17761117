import { feeRouterBytecode } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { runAttack } from './attackChecks.js'
import { useAttackDevnet } from './attackHarness.js'
import { feeRouterAttacks } from './feeRouterAttacks.js'

/**
 * The named attacks on FeeRouter as built (`npm run build -w @openledger/contracts`): a malicious settler,
 * malicious payers, an outsider and EOAs reaching for the Safe's powers. Each attack runs on a fresh router and
 * throws when it succeeds; FeeRouterMutations.int.test.ts runs the same attacks on test-only builds with one
 * protection switched off.
 */
const { deployRouter } = useAttackDevnet()

describe('FeeRouter withstands', () => {
  it.each(feeRouterAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_, attack) => {
    const router = await deployRouter(feeRouterBytecode)
    const { outcome, ...rest } = await runAttack(router, attack)
    expect(outcome, 'error' in rest ? rest.error.message : '').toBe('withstood')
  })
})
