import type { ChainConnection } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Address, type Hex, zeroAddress } from 'viem'
import { toLineageError } from './toLineageError.js'
import type { LineageContracts } from './types.js'

/**
 * Who created each adapter, by sha256; unknown and revoked adapters are left out (settlement's
 * `AdapterCreatorsResolver`).
 */
export type AdapterCreatorsFromRegistry = (sha256s: readonly Hex[]) => Promise<ReadonlyMap<Hex, Address>>

/**
 * Resolves adapter creators from the ModelRegistry, for settlement to pay them the adapter creators' share.
 * Adapters the registry does not know, and revoked ones, are left out of the map: their share goes to the
 * treasury, so a revoked adapter's creator earns nothing in any epoch closed from its revocation on (and
 * `verifyEpoch`, resolving the same way, flags an epoch that pays it). Keys are the sha256s as given.
 *
 * @example
 * const settler: Settler = {
 *   ...options,
 *   adapterCreators: modelRegistryAdapterCreators(connection, manifest.contracts),
 * }
 */
export function modelRegistryAdapterCreators(
  connection: ChainConnection,
  contracts: LineageContracts,
): AdapterCreatorsFromRegistry {
  const read = (functionName: 'creatorOf' | 'isServable', adapterSha256: Hex) =>
    connection.publicClient
      .readContract({
        address: contracts.ModelRegistry,
        abi: modelRegistryAbi,
        functionName,
        args: [adapterSha256],
      })
      .catch((error: unknown) => {
        throw toLineageError(error)
      })
  return async (sha256s) => {
    const unique = [...new Set(sha256s)]
    const found = await Promise.all(
      unique.map(async (sha256) => {
        const [creator, servable] = await Promise.all([read('creatorOf', sha256), read('isServable', sha256)])
        return servable && creator !== zeroAddress ? (creator as Address) : undefined
      }),
    )
    const known = new Map<Hex, Address>()
    unique.forEach((sha256, i) => {
      if (found[i]) known.set(sha256, found[i])
    })
    return known
  }
}
