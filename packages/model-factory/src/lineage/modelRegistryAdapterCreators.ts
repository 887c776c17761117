import type { ChainConnection } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Address, type Hex, zeroAddress } from 'viem'
import { toLineageError } from './toLineageError.js'
import type { LineageContracts } from './types.js'

/** Who created each adapter, by sha256; unknown adapters are left out (settlement's `AdapterCreatorsResolver`). */
export type AdapterCreatorsFromRegistry = (sha256s: readonly Hex[]) => Promise<ReadonlyMap<Hex, Address>>

/**
 * Resolves adapter creators from the ModelRegistry's `creatorOf`, for settlement to pay them the adapter
 * creators' share. Adapters the registry does not know are left out of the map (their share goes to the
 * treasury); revoked adapters keep their creator. Keys are the sha256s as given.
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
  return async (sha256s) => {
    const unique = [...new Set(sha256s)]
    const creators = await Promise.all(
      unique.map((adapterSha256) =>
        connection.publicClient
          .readContract({
            address: contracts.ModelRegistry,
            abi: modelRegistryAbi,
            functionName: 'creatorOf',
            args: [adapterSha256],
          })
          .catch((error: unknown) => {
            throw toLineageError(error)
          }),
      ),
    )
    const known = new Map<Hex, Address>()
    unique.forEach((adapterSha256, i) => {
      const creator = creators[i]
      if (creator && creator !== zeroAddress) known.set(adapterSha256, creator)
    })
    return known
  }
}
