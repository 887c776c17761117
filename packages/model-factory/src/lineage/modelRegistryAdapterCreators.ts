import type { ChainConnection } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Address, type Hex, zeroAddress } from 'viem'
import { toLineageError } from './toLineageError.js'
import type { LineageContracts } from './types.js'

/**
 * Who created each adapter, by sha256, as of the latest block or of `blockNumber`; unknown and revoked adapters
 * are left out (settlement's `AdapterCreatorsResolver`).
 */
export type AdapterCreatorsFromRegistry = (
  sha256s: readonly Hex[],
  options?: { blockNumber?: bigint },
) => Promise<ReadonlyMap<Hex, Address>>

/**
 * Resolves adapter creators from the ModelRegistry's `creatorOf`, for settlement to pay them the adapter
 * creators' share. The registry answers the zero address for adapters it does not know and for revoked ones,
 * which are left out of the map: their share goes to the treasury. Settlement resolves as of the latest block
 * when it closes an epoch; `verifyEpoch` as of the block the epoch was posted in, so an epoch posted from a
 * revocation's block on must not pay that adapter's creator, and one posted before it (or before the Safe
 * reassigned a creator) verifies as it was. Keys are the sha256s as given.
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
  return async (sha256s, options = {}) => {
    const unique = [...new Set(sha256s)]
    const found = await Promise.all(
      unique.map((adapterSha256) =>
        connection.publicClient
          .readContract({
            address: contracts.ModelRegistry,
            abi: modelRegistryAbi,
            functionName: 'creatorOf',
            args: [adapterSha256],
            ...(options.blockNumber === undefined ? {} : { blockNumber: options.blockNumber }),
          })
          .catch((error: unknown) => {
            throw toLineageError(error)
          }),
      ),
    )
    const known = new Map<Hex, Address>()
    unique.forEach((sha256, i) => {
      const creator = found[i]
      if (creator && creator !== zeroAddress) known.set(sha256, creator)
    })
    return known
  }
}
