import type { AdapterInfo } from '../adapters/index.js'
import type { LoraHost } from '../host/LoraHost.js'
import type { AdapterObject } from './types.js'

/**
 * Registered adapters as the API shows them: registry metadata plus whether each is resident in a slot and
 * pinned there now.
 *
 * @example
 * const [adapter] = toAdapterObjects(host, [host.registry.get('a0')!]) // { id: 'a0', resident: false, … }
 */
export function toAdapterObjects(host: LoraHost, adapters: readonly AdapterInfo[]): AdapterObject[] {
  const resident = new Set(host.cache.residentIds())
  const pinned = new Set(host.cache.pinnedIds())
  return adapters.map((adapter) => ({
    id: adapter.id,
    object: 'adapter',
    model: `${host.model.id}:${adapter.id}`,
    sha256: adapter.sha256,
    rank: adapter.rank,
    target_modules: adapter.targetModules,
    bytes: adapter.bytes,
    resident: resident.has(adapter.id),
    pinned: pinned.has(adapter.id),
  }))
}
