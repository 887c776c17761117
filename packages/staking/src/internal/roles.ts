import { type Hex, keccak256, toHex, zeroHash } from 'viem'

/** FeeRouter's AccessControl roles by name, as the contract hashes them. */
export const feeRouterRoles = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  PARAMETERS_ROLE: keccak256(toHex('PARAMETERS_ROLE')),
  VETO_ROLE: keccak256(toHex('VETO_ROLE')),
  SETTLER_ROLE: keccak256(toHex('SETTLER_ROLE')),
} as const satisfies Record<string, Hex>

/**
 * Every AccessControl role of the agent contracts by name: FeeRouter's, AgentStaking's (`PARAMETERS_ROLE`,
 * as FeeRouter hashes it, and `CHALLENGE_RESOLVER_ROLE`) and AgentRegistry's `PAUSER_ROLE`.
 */
const knownRoles = {
  ...feeRouterRoles,
  CHALLENGE_RESOLVER_ROLE: keccak256(toHex('CHALLENGE_RESOLVER_ROLE')),
  PAUSER_ROLE: keccak256(toHex('PAUSER_ROLE')),
} as const satisfies Record<string, Hex>

/** A role's name when it is one of the agent contracts' (FeeRouter, AgentStaking, AgentRegistry), else the hash. */
export function roleName(role: Hex): string {
  const found = Object.entries(knownRoles).find(([, hash]) => hash === role.toLowerCase())
  return found ? found[0] : role
}
