import type { LoraHost } from '../host/LoraHost.js'
import { toAdapterObjects } from './toAdapterObjects.js'
import type { AdapterObject, List } from './types.js'

/**
 * `GET /v1/adapters`: every registered adapter in registration order, with its resident and pinned flags.
 *
 * @example
 * const { data } = listAdapters(host)
 * data.filter((adapter) => adapter.pinned).map((adapter) => adapter.id)
 */
export function listAdapters(host: LoraHost): List<AdapterObject> {
  return { object: 'list', data: toAdapterObjects(host, host.registry.list()) }
}
