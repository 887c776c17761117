import { agentStakingBytecode } from '@openledger/contracts'
import { describeMutationCheck } from './mutationCheck.js'
import { useStakingAttackDevnet } from './stakingAttackHarness.js'
import { stakingAttacks } from './stakingAttacks.js'

/** AgentStaking's mutation check (mutationCheck.ts): each tagged guard is caught by an attack naming it. */
const { devnet, deployStaking } = useStakingAttackDevnet()

describeMutationCheck({
  file: 'AgentStaking.sol',
  contract: 'AgentStaking',
  builtBytecode: agentStakingBytecode,
  attacks: stakingAttacks,
  deploy: deployStaking,
  testClient: () => devnet.testClient,
  minProtections: 14,
})
