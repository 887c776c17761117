import type { Attack } from './attackChecks.js'
import { type AttackAgentRegistry, CREATOR, MALLORY } from './registryAttackHarness.js'

/** Attacks on AgentRegistry's pause and an agent's settings. */
export const agentRegistryAttacks: readonly Attack<AttackAgentRegistry>[] = [
  {
    name: 'the creator undoing the Safe’s pause',
    protections: ['pause-held'],
    async run(r, check) {
      const { agentId } = r
      await r.mined(r.safe.write.setPaused([agentId, true]))
      await check.refused(r.as(CREATOR).write.setPaused([agentId, false]), 'AgentRegistryPauseHeld')
      // Pausing it itself first (a no-op) does not make the pause its own.
      await r.mined(r.as(CREATOR).write.setPaused([agentId, true]))
      await check.refused(r.as(CREATOR).write.setPaused([agentId, false]), 'AgentRegistryPauseHeld')
      check.holds(await r.as(0).read.isPaused([agentId]), 'the agent the Safe paused runs again')
    },
  },
  {
    name: 'an outsider pausing or unpausing someone’s agent',
    protections: ['pause-authorized'],
    async run(r, check) {
      const { agentId } = r
      await check.refused(r.as(MALLORY).write.setPaused([agentId, true]), 'AgentRegistryUnauthorized')
      check.holds(!(await r.as(0).read.isPaused([agentId])), 'an outsider paused the agent')
      await r.mined(r.as(CREATOR).write.setPaused([agentId, true]))
      await check.refused(r.as(MALLORY).write.setPaused([agentId, false]), 'AgentRegistryUnauthorized')
      check.holds(await r.as(0).read.isPaused([agentId]), 'an outsider unpaused the agent')
    },
  },
  {
    name: 'an outsider redirecting someone’s agent',
    protections: ['update-creator'],
    async run(r, check) {
      const { agentId } = r
      const call = r.as(MALLORY).write.updateAgent([agentId, 'ipfs://mallory.json', [], 0n])
      await check.refused(call, 'AgentRegistryUnauthorized')
      check.holds((await r.as(0).read.feeOf([agentId])) === 10n, 'an outsider changed the agent’s fee')
    },
  },
]
