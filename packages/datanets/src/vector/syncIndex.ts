import type { StoreSession } from '@openledger/store'
import type { Hex } from 'viem'
import { embeddingText } from '../content/embeddingText.js'
import { l2Normalize } from '../embeddings/l2Normalize.js'
import { RowVanishedError } from '../errors/contribution.js'
import { EmbeddingDimensionError } from '../errors/vector.js'
import { findRowRecords } from '../store/findRowRecords.js'
import { listAcceptedRowIds } from '../store/listAcceptedRowIds.js'
import { fromRowRecord } from '../store/records.js'
import type { DatanetIndex, IndexProgress, IndexStaleReason, IndexSync } from './DatanetIndex.js'
import { HierarchicalNSW } from './hnsw.js'
import { writeIndexFiles } from './indexFiles.js'

export type SyncIndexOptions = {
  /** Set when the loaded files cannot be used: start from an empty graph. */
  rebuild?: IndexStaleReason | undefined
  batchSize: number
  onProgress?: ((progress: IndexProgress) => void) | undefined
}

/**
 * Brings an index up to the store's accepted rows: adds the rows it lacks (embedding only those), or rebuilds
 * it when it covers a row that is no longer accepted (another store, a reset); writes the files when anything
 * changed.
 */
export async function syncIndex(
  store: StoreSession,
  index: DatanetIndex,
  options: SyncIndexOptions,
): Promise<IndexSync> {
  const current = await listAcceptedRowIds(store, index.datanet)
  const accepted = new Set(current)
  let reason = options.rebuild
  if (!reason && index.labels.some((id) => !accepted.has(id))) reason = 'rows'
  if (reason) {
    index.hnsw = emptyGraph(index, current.length)
    index.labels = []
  }
  const covered = new Set(index.labels)
  const fresh = current.filter((id) => !covered.has(id))
  await addRows(store, index, fresh, options)
  if (reason || fresh.length > 0)
    writeIndexFiles(index.paths, index.hnsw, {
      version: 1,
      datanet: {
        chainId: index.datanet.chainId,
        registry: index.datanet.registry,
        datanetId: String(index.datanet.datanetId),
      },
      embedder: { id: index.embedder.id, dimensions: index.embedder.dimensions },
      space: 'cosine',
      m: index.m,
      efConstruction: index.efConstruction,
      labels: index.labels,
    })
  index.hnsw.setEf(index.ef)
  index.lastSync = reason
    ? { action: 'built', reason, added: fresh.length }
    : fresh.length > 0
      ? { action: 'extended', added: fresh.length }
      : { action: 'loaded', added: 0 }
  return index.lastSync
}

function emptyGraph(index: DatanetIndex, capacity: number): HierarchicalNSW {
  const hnsw = new HierarchicalNSW('cosine', index.embedder.dimensions)
  hnsw.initIndex({
    maxElements: Math.max(capacity, 16),
    m: index.m,
    efConstruction: index.efConstruction,
    randomSeed: 100,
  })
  return hnsw
}

async function addRows(
  store: StoreSession,
  index: DatanetIndex,
  rowIds: Hex[],
  options: SyncIndexOptions,
): Promise<void> {
  const needed = index.labels.length + rowIds.length
  if (needed > index.hnsw.getMaxElements())
    index.hnsw.resizeIndex(Math.max(needed, 2 * index.hnsw.getMaxElements()))
  const { embedder } = index
  for (let start = 0; start < rowIds.length; start += options.batchSize) {
    const ids = rowIds.slice(start, start + options.batchSize)
    const records = await findRowRecords(store, ids)
    const texts = ids.map((id) => {
      const record = records.get(id)
      if (!record) throw new RowVanishedError(id, 'indexing')
      return embeddingText(fromRowRecord(record).content)
    })
    const vectors = await embedder.embed(texts)
    for (const [i, id] of ids.entries()) {
      const vector = vectors[i]
      if (vector?.length !== embedder.dimensions)
        throw new EmbeddingDimensionError(embedder.id, embedder.dimensions, vector?.length ?? 0)
      index.hnsw.addPoint(Array.from(l2Normalize(vector)), index.labels.length)
      index.labels.push(id)
    }
    options.onProgress?.({ phase: 'embedding', done: start + ids.length, total: rowIds.length })
  }
}
