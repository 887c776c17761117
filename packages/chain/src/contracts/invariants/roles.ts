import { type Hex, keccak256, toHex, zeroHash } from 'viem'

const role = (name: string): Hex => keccak256(toHex(name))

/** The AccessControl roles of the contracts the invariant runs drive, as the contracts hash them. */
export const ROLES = {
  admin: zeroHash,
  parameters: role('PARAMETERS_ROLE'),
  veto: role('VETO_ROLE'),
  settler: role('SETTLER_ROLE'),
  challengeResolver: role('CHALLENGE_RESOLVER_ROLE'),
  pauser: role('PAUSER_ROLE'),
  adapterRevoker: role('ADAPTER_REVOKER_ROLE'),
  adapterDispute: role('ADAPTER_DISPUTE_ROLE'),
} as const

/** The roles the treasury Safe holds on each contract (FeeRouter's settlers are appointed apart). */
export const SAFE_ROLES = {
  AgentStaking: [ROLES.admin, ROLES.parameters, ROLES.challengeResolver],
  FeeRouter: [ROLES.admin, ROLES.parameters, ROLES.veto],
  AgentRegistry: [ROLES.admin, ROLES.pauser],
  ModelRegistry: [ROLES.admin, ROLES.adapterRevoker, ROLES.adapterDispute],
} as const
