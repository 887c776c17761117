import { type Hex, keccak256, toHex, zeroHash } from 'viem'

/** FeeRouter's AccessControl roles by name, as the contract hashes them. */
export const feeRouterRoles = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  PARAMETERS_ROLE: keccak256(toHex('PARAMETERS_ROLE')),
  VETO_ROLE: keccak256(toHex('VETO_ROLE')),
  SETTLER_ROLE: keccak256(toHex('SETTLER_ROLE')),
} as const satisfies Record<string, Hex>

/** A role's name when it is one of FeeRouter's, else the hash itself. */
export function roleName(role: Hex): string {
  const found = Object.entries(feeRouterRoles).find(([, hash]) => hash === role.toLowerCase())
  return found ? found[0] : role
}
