import type { LoraHost } from '../host/LoraHost.js'
import type { DeletedAdapter } from './types.js'

/**
 * `DELETE /v1/adapters/:id`: unloads and forgets an adapter (its files go when no other name shares them).
 * Throws `AdapterNotFoundError` (404) or, while requests use it, `AdapterInUseError` (409).
 *
 * @example
 * removeAdapter(host, 'a0') // { id: 'a0', object: 'adapter', deleted: true }
 */
export function removeAdapter(host: LoraHost, id: string): DeletedAdapter {
  host.removeAdapter(id)
  return { id, object: 'adapter', deleted: true }
}
