import type { ChainConnection } from '@openledger/chain'
import type { StoreSession } from '@openledger/store'
import { getAddress } from 'viem'
import { DatanetStoreConflictError, type UnknownDatanetError } from '../errors/datanet.js'
import { findDatanet } from '../store/findDatanet.js'
import { datanetKey } from '../store/records.js'
import { datanetDb } from '../store/tables.js'
import type { Datanet, DatanetRef } from '../types.js'
import { readDatanetOnChain } from './readDatanetOnChain.js'

export type SyncDatanetParameters = {
  datanet: DatanetRef
  /** A label kept in the store; default: the stored one (or none). */
  name?: string | undefined
}

export type SyncDatanetErrorType = UnknownDatanetError | DatanetStoreConflictError

/**
 * Mirrors a datanet from the registry into the store (inserting it, or refreshing curator, license and
 * metadata URI), so rows can be contributed to it. Use it for datanets created elsewhere or after a curator
 * hand-over. A stored datanet the chain created at another time (a reset chain) is refused with
 * `DatanetStoreConflictError`, leaving the store as it was.
 *
 * @example
 * const datanet = await syncDatanet(connection, store, {
 *   datanet: { chainId: connection.chainId, registry: manifest.contracts.DatanetRegistry, datanetId: 1n },
 * })
 */
export async function syncDatanet(
  connection: ChainConnection,
  store: StoreSession,
  parameters: SyncDatanetParameters,
): Promise<Datanet> {
  const ref = { ...parameters.datanet, registry: getAddress(parameters.datanet.registry) }
  const chain = await readDatanetOnChain(connection, ref)
  const existing = await findDatanet(store, ref)
  if (existing && existing.chainCreatedAt !== chain.createdAt)
    throw new DatanetStoreConflictError(ref, existing.chainCreatedAt, chain.createdAt)
  const name = parameters.name ?? existing?.name ?? null
  const mirrored = { curator: chain.curator, license: chain.license, metadata_uri: chain.metadataURI, name }
  await datanetDb(store)
    .insertInto('datanets')
    .values({
      ...datanetKey(ref),
      ...mirrored,
      chain_created_at: chain.createdAt.toString(),
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['chain_id', 'registry', 'datanet_id']).doUpdateSet(mirrored))
    .execute()
  return {
    ...ref,
    curator: chain.curator,
    license: chain.license,
    metadataURI: chain.metadataURI,
    name,
    chainCreatedAt: chain.createdAt,
  }
}
