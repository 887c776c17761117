import type { ChainConnection, Manifest } from '@openledger/chain'
import { modelRegistryAdapterCreators } from '@openledger/model-factory'
import type { Settler } from '@openledger/settlement'
import type { Store } from '@openledger/store'
import { privateKeyToAccount } from 'viem/accounts'
import { type Context, type KeyOptions, resolveKey } from '../../context.js'

/** The devnet's settler (FeeRouter's settler role, set by `deploy`). */
export const DEVNET_SETTLER = 9

/**
 * The settler for a deployment: the ledger in `store`, the key from the options (devnet: account 9), adapter
 * creators from ModelRegistry.
 */
export function settlerFor(
  context: Context,
  options: KeyOptions,
  deployment: { connection: ChainConnection; manifest: Manifest },
  store: Store,
): Settler {
  const { connection, manifest } = deployment
  const key = resolveKey(context, options, connection.chainId, 'settler', DEVNET_SETTLER)
  return {
    store,
    connection,
    contracts: manifest.contracts,
    account: privateKeyToAccount(key),
    treasury: manifest.treasurySafe.address,
    // Adapter creators are paid as ModelRegistry records them; unregistered adapters' share goes to the treasury.
    adapterCreators: modelRegistryAdapterCreators(connection, manifest.contracts),
  }
}
