import type { ChainConnection } from '@openledger/chain'
import {
  createDatanet,
  type Datanet,
  type DatanetRef,
  forgetDatanet,
  syncDatanet,
} from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import type { Address, LocalAccount } from 'viem'
import { findSeedDatanetOnChain, seedDatanetUri } from './findSeedDatanetOnChain.js'

export type MirrorSeedDatanetParameters = {
  registry: Address
  curator: LocalAccount
  name: string
  license: string
}

/**
 * The seed datanet on the chain and in the store: the one `curator` created before under the seed's URI when
 * the registry has it, else a new one. A store record the chain does not match (left by a reset devnet under
 * the same id) is forgotten first, so a restarted devnet provisions cleanly.
 */
export async function mirrorSeedDatanet(
  connection: ChainConnection,
  store: StoreSession,
  parameters: MirrorSeedDatanetParameters,
): Promise<{ datanet: Datanet; created: boolean; forgotStale: boolean }> {
  const { registry, curator, name, license } = parameters
  const metadataURI = seedDatanetUri(name)
  const found = await findSeedDatanetOnChain(connection, { registry, curator: curator.address, metadataURI })
  if (found !== undefined) {
    const ref = { chainId: connection.chainId, registry, datanetId: found }
    return { ...(await syncForgettingStale(connection, store, ref, name)), created: false }
  }
  try {
    const datanet = await createDatanet(connection, store, {
      registry,
      account: curator,
      license,
      metadataURI,
      name,
    })
    return { datanet, created: true, forgotStale: false }
  } catch (error) {
    // Created on-chain, but the store holds a reset chain's datanet under the new id.
    if ((error as Error).name !== 'DatanetStoreConflictError') throw error
    const { datanet } = error as { datanet: DatanetRef }
    return { ...(await syncForgettingStale(connection, store, datanet, name)), created: true }
  }
}

async function syncForgettingStale(
  connection: ChainConnection,
  store: StoreSession,
  datanet: DatanetRef,
  name: string,
): Promise<{ datanet: Datanet; forgotStale: boolean }> {
  try {
    return { datanet: await syncDatanet(connection, store, { datanet, name }), forgotStale: false }
  } catch (error) {
    if ((error as Error).name !== 'DatanetStoreConflictError') throw error
    await forgetDatanet(store, datanet)
    return { datanet: await syncDatanet(connection, store, { datanet, name }), forgotStale: true }
  }
}
