import type { ChainConnection, Manifest } from '@openledger/chain'
import { type Datanet, syncDatanet } from '@openledger/datanets'
import type { Store } from '@openledger/store'
import { type Context, connectDeployment, rpcUrlOf, withStore } from '../../context.js'

export type DatanetSession = {
  connection: ChainConnection
  manifest: Manifest
  store: Store
  datanet: Datanet
}

/**
 * Connects to the deployment, opens the store and mirrors the datanet from the registry, then runs `fn` and
 * closes the store. Mirroring on every command makes a datanet created from another store usable, applies a
 * curator hand-over at once, and refuses a store left over from a reset chain; an id the registry does not
 * know is `UnknownDatanetError`.
 */
export async function withDatanet<T>(
  context: Context,
  rpcUrl: string | undefined,
  datanetId: bigint,
  fn: (session: DatanetSession) => Promise<T>,
): Promise<T> {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, rpcUrl))
  const ref = { chainId: connection.chainId, registry: manifest.contracts.DatanetRegistry, datanetId }
  return withStore(context, async (store) => {
    const datanet = await syncDatanet(connection, store, { datanet: ref })
    return fn({ connection, manifest, store, datanet })
  })
}
