import type { ChainConnection } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import type { Hex } from 'viem'
import { UnknownAdapterError } from './errors.js'
import { toLineageError } from './toLineageError.js'
import type { AdapterLineage, LineageContracts } from './types.js'

export type GetAdapterLineageParameters = { adapterSha256: Hex }

/**
 * An adapter's lineage as the ModelRegistry records it, revoked adapters included; `undefined` when the
 * adapter is not registered.
 *
 * @example
 * const lineage = await getAdapterLineage(connection, manifest.contracts, { adapterSha256 })
 * if (lineage && !lineage.revoked) console.log(`trained by ${lineage.creator} on ${lineage.rowCount} rows`)
 */
export async function getAdapterLineage(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: GetAdapterLineageParameters,
): Promise<AdapterLineage | undefined> {
  try {
    const stored = await connection.publicClient.readContract({
      address: contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'adapter',
      args: [parameters.adapterSha256],
    })
    return {
      creator: stored.creator,
      baseModelSha256: stored.baseModelSha256,
      trainingRowsRoot: stored.trainingRowsRoot,
      rowCount: stored.rowCount,
      registeredAt: stored.registeredAt,
      revoked: stored.revokedAt !== 0n,
      revokedAt: stored.revokedAt,
      reassigned: stored.reassigned,
      commitBlock: stored.commitBlock,
      uri: stored.uri,
      datanetIds: stored.datanetIds,
    }
  } catch (error) {
    const typed = toLineageError(error)
    if (typed instanceof UnknownAdapterError) return undefined
    throw typed
  }
}
