import type { StoreSession } from '@openledger/store'
import { getAddress } from 'viem'
import type { Embedder } from '../embeddings/Embedder.js'
import type { EmbeddingDimensionError } from '../errors/vector.js'
import type { DatanetRef } from '../types.js'
import type { DatanetIndex, IndexProgress, IndexStaleReason } from './DatanetIndex.js'
import { HierarchicalNSW } from './hnsw.js'
import { indexPaths, readSidecar, type Sidecar } from './indexFiles.js'
import { syncIndex } from './syncIndex.js'

export type OpenIndexParameters = {
  datanet: DatanetRef
  embedder: Embedder
  /** Where indexes live: `<directory>/<chainId>/<registry>/<datanetId>.hnsw` + `.json`. */
  directory: string
  /** Search breadth; default 200 (hnswlib's default of 10 gives poor recall: see the bench). */
  ef?: number | undefined
  /** Graph degree; default 32. */
  m?: number | undefined
  /** Build breadth; default 200. */
  efConstruction?: number | undefined
  /** Texts per `embed` call; default 64. */
  batchSize?: number | undefined
  onProgress?: ((progress: IndexProgress) => void) | undefined
}

export type OpenIndexErrorType = EmbeddingDimensionError

/**
 * Opens the vector index of a datanet's accepted rows: an hnswlib HNSW graph (cosine space, L2-normalised
 * vectors) persisted with a JSON sidecar that maps labels to row ids and names the embedder. The files are
 * loaded when they match; rows accepted since are embedded and added; the index is rebuilt from the store
 * when the files are missing or unreadable, the embedder (id or dimensions) or graph settings changed, or it
 * covers rows the store no longer has accepted. `lastSync` says which happened.
 *
 * @example
 * const index = await openIndex(store, { datanet, embedder: hostEmbedder(host), directory: '.openledger/indexes' })
 * const hits = await searchDatanet(store, index, { query: 'a red ball', k: 5 })
 */
export async function openIndex(store: StoreSession, parameters: OpenIndexParameters): Promise<DatanetIndex> {
  const { embedder, ef = 200, m = 32, efConstruction = 200, batchSize = 64 } = parameters
  const { chainId, registry, datanetId } = parameters.datanet
  const datanet = { chainId, registry: getAddress(registry), datanetId }
  const paths = indexPaths(parameters.directory, datanet)
  const sidecar = readSidecar(paths)
  const settings = { datanet, embedder, m, efConstruction }
  const reason = sidecar ? staleReason(sidecar, settings) : 'missing'
  const hnsw = new HierarchicalNSW('cosine', embedder.dimensions)
  const index: DatanetIndex = {
    datanet,
    embedder,
    paths,
    ef: Math.max(1, Math.floor(ef)),
    m,
    efConstruction,
    hnsw,
    labels: [],
    lastSync: { action: 'loaded', added: 0 },
  }
  let rebuild: IndexStaleReason | undefined = reason
  if (!reason && sidecar) {
    try {
      hnsw.readIndexSync(paths.index)
      if (hnsw.getCurrentCount() === sidecar.labels.length)
        index.labels = sidecar.labels as DatanetIndex['labels']
      else rebuild = 'rows'
    } catch {
      rebuild = 'missing'
    }
  }
  await syncIndex(store, index, { rebuild, batchSize, onProgress: parameters.onProgress })
  return index
}

function staleReason(
  sidecar: Sidecar,
  settings: { datanet: DatanetRef; embedder: Embedder; m: number; efConstruction: number },
): IndexStaleReason | undefined {
  const { datanet, embedder } = settings
  if (sidecar.embedder.id !== embedder.id || sidecar.embedder.dimensions !== embedder.dimensions)
    return 'embedder'
  const sameDatanet =
    sidecar.datanet.chainId === datanet.chainId &&
    sidecar.datanet.registry === getAddress(datanet.registry) &&
    sidecar.datanet.datanetId === String(datanet.datanetId)
  if (!sameDatanet || sidecar.m !== settings.m || sidecar.efConstruction !== settings.efConstruction)
    return 'settings'
  return undefined
}
