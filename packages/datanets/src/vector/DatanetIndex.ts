import type { Hex } from 'viem'
import type { Embedder } from '../embeddings/Embedder.js'
import type { DatanetRef } from '../types.js'
import type { HierarchicalNSW } from './hnsw.js'
import type { IndexPaths } from './indexFiles.js'

/** Why an index was built from the store rather than loaded. */
export type IndexStaleReason = 'missing' | 'embedder' | 'settings' | 'rows'

/** What the last `openIndex` or `refreshIndex` did: loaded the files as they were, added new rows, or rebuilt. */
export type IndexSync =
  | { action: 'loaded'; added: 0 }
  | { action: 'extended'; added: number }
  | { action: 'built'; reason: IndexStaleReason; added: number }

/**
 * An open vector index over a datanet's accepted rows (from `openIndex`): an hnswlib HNSW graph in cosine
 * space whose label `i` is row `labels[i]`, persisted under `paths`.
 */
export type DatanetIndex = {
  readonly datanet: DatanetRef
  readonly embedder: Embedder
  readonly paths: IndexPaths
  /** hnswlib's search breadth (at least k at query time); higher is better recall, slower. */
  readonly ef: number
  readonly m: number
  readonly efConstruction: number
  hnsw: HierarchicalNSW
  labels: Hex[]
  lastSync: IndexSync
}

export type IndexProgress = { phase: 'embedding'; done: number; total: number }
