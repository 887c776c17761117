import { feeRouterBytecode } from '@openledger/contracts'
import { useAttackDevnet } from './attackHarness.js'
import { feeRouterAttacks } from './feeRouterAttacks.js'
import { describeMutationCheck } from './mutationCheck.js'

/**
 * FeeRouter's mutation check (mutationCheck.ts). One guard is caught only by the error it refuses with:
 * `authorization` (FeeRouterChargeNotAuthorized). Without it a payer that never authorised has a zero cap,
 * which FeeRouterChargeAboveCap refuses as well; the guard names the reason (settlement and the SDK classify
 * it), so its mutant counts as caught when its attack is refused otherwise.
 */
const { devnet, deployRouter } = useAttackDevnet()

describeMutationCheck({
  file: 'FeeRouter.sol',
  contract: 'FeeRouter',
  builtBytecode: feeRouterBytecode,
  attacks: feeRouterAttacks,
  deploy: deployRouter,
  testClient: () => devnet.testClient,
  caughtByItsError: new Set(['authorization']),
  minProtections: 20,
})
