export { agentAccount } from './agents/agentAccount.js'
export { resolveAgentAccounts } from './agents/resolveAgentAccounts.js'
export { devnetProvisionAccounts } from './devnetProvisionAccounts.js'
export {
  AdapterNotWrittenError,
  AdapterRevokedError,
  AgentNotActiveError,
  DeployedCodeMissingError,
  ProvisionFundsError,
  ProvisionInputError,
  ProvisionStateError,
  ProvisionStepError,
  SeedRowsNotFoundError,
} from './errors.js'
export {
  type EnsureSettlerBondParameters,
  type EnsureSettlerBondReturnType,
  ensureSettlerBond,
} from './funding/ensureSettlerBond.js'
export { provisionStack } from './provisionStack.js'
export { provisionStatePath, readProvisionState } from './state/provisionState.js'
export { type Json, provisionSummaryJson } from './summaryJson.js'
export type {
  DemoCallerOptions,
  ProvisionAccounts,
  ProvisionedAdapter,
  ProvisionedAgent,
  ProvisionStackParameters,
  ProvisionStackReturnType,
  ProvisionSummary,
  ProvisionTraining,
} from './types.js'
export { agentWalletLookup, recordAgentWallet } from './wallets/agentWallets.js'
export { provisionSchema } from './wallets/provisionSchema.js'
