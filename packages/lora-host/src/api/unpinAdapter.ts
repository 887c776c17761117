import type { LoraHost } from '../host/LoraHost.js'
import { toAdapterObjects } from './toAdapterObjects.js'
import type { AdapterObject } from './types.js'

/**
 * `POST /v1/adapters/:id/unpin`: lets a pinned adapter be evicted again (unpinning one that is not pinned is
 * no error). Throws `AdapterNotFoundError` (404).
 *
 * @example
 * unpinAdapter(host, 'a0').pinned // false
 */
export function unpinAdapter(host: LoraHost, id: string): AdapterObject {
  host.unpinAdapter(id)
  return toAdapterObjects(host, [host.registry.get(id)!])[0]!
}
