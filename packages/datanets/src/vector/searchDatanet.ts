import type { StoreSession } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { embeddingText } from '../content/embeddingText.js'
import { l2Normalize } from '../embeddings/l2Normalize.js'
import { EmbeddingDimensionError } from '../errors/vector.js'
import { findRowRecords } from '../store/findRowRecords.js'
import { fromRowRecord } from '../store/records.js'
import type { DatanetRef, RowContent } from '../types.js'
import type { DatanetIndex } from './DatanetIndex.js'

export type SearchDatanetParameters = {
  /** A text (embedded with the index's embedder) or a vector of the embedder's dimensions. */
  query: string | Float32Array
  /** How many rows; default 5. */
  k?: number | undefined
}

export type SearchHit = {
  rowId: Hex
  datanet: DatanetRef
  contributor: Address
  /** The row as embedded: its text, or prompt and completion on two lines. */
  text: string
  content: RowContent
  license: string
  /** Cosine similarity of the query and the row, in [-1, 1]; 1 for the same direction. */
  score: number
  /** 1 for the best hit. */
  rank: number
}

/**
 * The `k` accepted rows of a datanet closest to the query by cosine similarity (approximate: HNSW with the
 * index's `ef`, at least `k`), best first, with their contributors: what retrieval attribution credits.
 *
 * @example
 * const hits = await searchDatanet(store, index, { query: 'How do I add liquidity?', k: 3 })
 * for (const hit of hits) console.log(hit.rank, hit.score.toFixed(3), hit.contributor, hit.text)
 */
export async function searchDatanet(
  store: StoreSession,
  index: DatanetIndex,
  parameters: SearchDatanetParameters,
): Promise<SearchHit[]> {
  const k = Math.min(Math.max(0, Math.floor(parameters.k ?? 5)), index.labels.length)
  if (k === 0) return []
  const { embedder } = index
  const [raw] =
    typeof parameters.query === 'string' ? await embedder.embed([parameters.query]) : [parameters.query]
  if (raw?.length !== embedder.dimensions)
    throw new EmbeddingDimensionError(embedder.id, embedder.dimensions, raw?.length ?? 0)
  index.hnsw.setEf(Math.max(index.ef, k))
  const { neighbors, distances } = index.hnsw.searchKnn(Array.from(l2Normalize(raw)), k)
  const ids = neighbors.map((label) => index.labels[label]).filter((id): id is Hex => id !== undefined)
  const records = await findRowRecords(store, ids)
  const hits: SearchHit[] = []
  for (const [i, label] of neighbors.entries()) {
    const record = records.get(index.labels[label] as Hex)
    if (!record) continue
    const row = fromRowRecord(record)
    hits.push({
      rowId: row.rowId,
      datanet: row.datanet,
      contributor: row.contributor,
      text: embeddingText(row.content),
      content: row.content,
      license: row.license,
      score: 1 - (distances[i] ?? 1),
      rank: hits.length + 1,
    })
  }
  return hits
}
