import { type ChainConnection, deployTreasurySafe, type SafeInfrastructure } from '@openledger/chain'
import type { Address, Hex } from 'viem'

export type CreateUserSafeParameters = {
  infrastructure: SafeInfrastructure
  /** Pays for the deployment; need not be an owner. */
  deployerKey: Hex
  owners: readonly Address[]
  /** Owner signatures a Safe transaction needs; default 1. */
  threshold?: number
  /** Tells apart Safes of the same owners and threshold; default '0'. */
  saltNonce?: string
}

/**
 * Deploys a user's Safe v1.4.1 (1-of-1 by default, or n-of-m) at its predicted address with this chain's Safe
 * contracts; when that Safe exists already, returns it unchanged. Bad owners or threshold are a
 * `SafeConfigError`.
 *
 * @example
 * const safe = await createUserSafe(connection, { infrastructure: manifest.safe, deployerKey, owners: [owner] })
 */
export async function createUserSafe(
  connection: ChainConnection,
  parameters: CreateUserSafeParameters,
): Promise<Address> {
  const { infrastructure, deployerKey, owners, threshold = 1, saltNonce = '0' } = parameters
  return deployTreasurySafe(connection, { infrastructure, deployerKey, owners, threshold, saltNonce })
}
