import type { LoraHost } from '../host/LoraHost.js'
import { toAdapterObjects } from './toAdapterObjects.js'
import type { AdapterObject } from './types.js'

/**
 * `POST /v1/adapters/:id/pin`: keeps an adapter resident for good (loaded now when a slot is free, else at its
 * next use). Throws `AdapterNotFoundError` (404) or `AdapterPinLimitError` (409) when every slot is pinned.
 *
 * @example
 * pinAdapter(host, 'a0').pinned // true
 */
export function pinAdapter(host: LoraHost, id: string): AdapterObject {
  host.pinAdapter(id)
  return toAdapterObjects(host, [host.registry.get(id)!])[0]!
}
