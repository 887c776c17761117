import type { StoreSession } from '@openledger/store'
import { UnknownDatanetError } from '../errors/datanet.js'
import { findDatanet } from '../store/findDatanet.js'
import type { Datanet, DatanetRef } from '../types.js'

/**
 * The store's record of a datanet; `UnknownDatanetError` when it has none.
 *
 * @example
 * const { curator, license } = await getDatanet(store, datanet)
 */
export async function getDatanet(store: StoreSession, datanet: DatanetRef): Promise<Datanet> {
  const found = await findDatanet(store, datanet)
  if (!found) throw new UnknownDatanetError(datanet, 'store')
  return found
}
