import { agentRegistryBytecode, modelRegistryBytecode } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { agentRegistryAttacks } from './agentRegistryAttacks.js'
import { runAttack } from './attackChecks.js'
import { modelRegistryAttacks } from './modelRegistryAttacks.js'
import { useRegistryAttackDevnet } from './registryAttackHarness.js'

/**
 * The named attacks on ModelRegistry (adapter-hash squatting, copied claims, commitments, a revoked adapter's
 * creator, the Safe's powers) and AgentRegistry (undoing the Safe's pause, outsiders) as built. Each attack runs
 * on a freshly deployed registry and throws when it succeeds; ModelRegistryMutations.int.test.ts and
 * AgentRegistryMutations.int.test.ts run them on test-only builds with one protection switched off.
 */
const { deployModelRegistry, deployAgentRegistry } = useRegistryAttackDevnet()

describe('ModelRegistry withstands', () => {
  it.each(modelRegistryAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_, attack) => {
    const registry = await deployModelRegistry(modelRegistryBytecode)
    const { outcome, ...rest } = await runAttack(registry, attack)
    expect(outcome, 'error' in rest ? rest.error.message : '').toBe('withstood')
  })
})

describe('AgentRegistry withstands', () => {
  it.each(agentRegistryAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_, attack) => {
    const registry = await deployAgentRegistry(agentRegistryBytecode)
    const { outcome, ...rest } = await runAttack(registry, attack)
    expect(outcome, 'error' in rest ? rest.error.message : '').toBe('withstood')
  })
})
