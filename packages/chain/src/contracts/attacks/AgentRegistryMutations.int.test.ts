import { agentRegistryBytecode } from '@openledger/contracts'
import { agentRegistryAttacks } from './agentRegistryAttacks.js'
import { describeMutationCheck } from './mutationCheck.js'
import { useRegistryAttackDevnet } from './registryAttackHarness.js'

/** AgentRegistry's mutation check (mutationCheck.ts): the pause the Safe holds, and the creator's powers. */
const { devnet, deployAgentRegistry } = useRegistryAttackDevnet()

describeMutationCheck({
  file: 'AgentRegistry.sol',
  contract: 'AgentRegistry',
  builtBytecode: agentRegistryBytecode,
  attacks: agentRegistryAttacks,
  deploy: deployAgentRegistry,
  testClient: () => devnet.testClient,
  minProtections: 3,
})
