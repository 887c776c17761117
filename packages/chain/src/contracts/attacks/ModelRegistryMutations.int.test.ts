import { modelRegistryBytecode } from '@openledger/contracts'
import { modelRegistryAttacks } from './modelRegistryAttacks.js'
import { describeMutationCheck } from './mutationCheck.js'
import { useRegistryAttackDevnet } from './registryAttackHarness.js'

/**
 * ModelRegistry's mutation check (mutationCheck.ts). One guard is caught only by the error it refuses with:
 * `commitment-required` (ModelRegistryUnknownCommitment). Without it an unknown commitment reads as recorded at
 * block 0, time 0, which the expiry (`commitment-ttl`) refuses as well; the guard names the reason, so its
 * mutant counts as caught when its attack is refused otherwise.
 */
const { devnet, deployModelRegistry } = useRegistryAttackDevnet()

describeMutationCheck({
  file: 'ModelRegistry.sol',
  contract: 'ModelRegistry',
  builtBytecode: modelRegistryBytecode,
  attacks: modelRegistryAttacks,
  deploy: deployModelRegistry,
  testClient: () => devnet.testClient,
  caughtByItsError: new Set(['commitment-required']),
  minProtections: 12,
})
