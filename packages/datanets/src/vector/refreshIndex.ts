import type { StoreSession } from '@openledger/store'
import type { DatanetIndex, IndexProgress, IndexSync } from './DatanetIndex.js'
import { syncIndex } from './syncIndex.js'

/**
 * Brings an open index up to date with the store: embeds and adds rows accepted since it was opened (or
 * rebuilds it if it covers rows no longer accepted) and saves it. Cheap when nothing changed: one query.
 *
 * @example
 * await reviewRow(connection, store, { rowId, curator, decision: 'accepted' })
 * const { added } = await refreshIndex(store, index) // 1
 */
export async function refreshIndex(
  store: StoreSession,
  index: DatanetIndex,
  options: { batchSize?: number; onProgress?: (progress: IndexProgress) => void } = {},
): Promise<IndexSync> {
  return syncIndex(store, index, { batchSize: options.batchSize ?? 64, onProgress: options.onProgress })
}
