import { spendingLimitModuleBytecode } from '@openledger/contracts'
import { describeMutationCheck } from './mutationCheck.js'
import { spendingLimitAttacks } from './spendingLimitAttacks.js'
import { useSpendingLimitDevnet } from './spendingLimitHarness.js'

/** SpendingLimitModule's mutation check (mutationCheck.ts): every tagged guard is caught by an attack naming it. */
const { devnet, deployModule } = useSpendingLimitDevnet()

describeMutationCheck({
  file: 'SpendingLimitModule.sol',
  contract: 'SpendingLimitModule',
  builtBytecode: spendingLimitModuleBytecode,
  attacks: spendingLimitAttacks,
  deploy: deployModule,
  testClient: () => devnet.testClient,
  minProtections: 11,
})
