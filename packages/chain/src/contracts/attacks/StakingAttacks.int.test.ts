import { agentStakingBytecode } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { runAttack } from './attackChecks.js'
import { useStakingAttackDevnet } from './stakingAttackHarness.js'
import { stakingAttacks } from './stakingAttacks.js'

/**
 * The named attacks on AgentStaking as built: challenges copied, squatted or run from, stake timed to a
 * reward, outsiders reaching for the fee router's and the Safe's powers. Each runs on a fresh deployment and
 * throws when it succeeds; StakingMutations.int.test.ts runs them on builds with one protection switched off.
 */
const { deployStaking } = useStakingAttackDevnet()

describe('AgentStaking withstands', () => {
  it.each(stakingAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_, attack) => {
    const staking = await deployStaking(agentStakingBytecode)
    const { outcome, ...rest } = await runAttack(staking, attack)
    expect(outcome, 'error' in rest ? rest.error.message : '').toBe('withstood')
  })
})
