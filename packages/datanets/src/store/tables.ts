import { type StoreSession, schemaDb } from '@openledger/store'
import { datanetsSchema } from './datanetsSchema.js'

/** `datanets` as SQL sees it (migration `0002_datanets` of `datanetsSchema`). */
export type DatanetsTable = {
  chain_id: number
  registry: string
  datanet_id: string
  curator: string
  license: string
  metadata_uri: string
  name: string | null
  chain_created_at: string
  created_at: string
}

/** `datanet_rows` as SQL sees it. */
export type DatanetRowsTable = {
  row_id: string
  chain_id: number
  registry: string
  datanet_id: string
  content_hash: string
  kind: 'text' | 'prompt_completion'
  text: string | null
  prompt: string | null
  completion: string | null
  license: string
  contributor: string
  signature: string
  status: 'pending' | 'accepted' | 'rejected'
  review_reason: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  batch_root: string | null
  proof: string | null
  created_at: string
}

/** `datanet_batches` as SQL sees it. */
export type DatanetBatchesTable = {
  root: string
  chain_id: number
  registry: string
  datanet_id: string
  status: 'pending' | 'committed'
  batch_index: number | null
  row_count: number
  uri: string
  tx_hash: string | null
  created_at: string
  committed_at: string | null
}

export type DatanetTables = {
  datanets: DatanetsTable
  datanet_rows: DatanetRowsTable
  datanet_batches: DatanetBatchesTable
}

/**
 * The store's query builder with the datanet tables known to it; throws `StoreSchemaNotRegisteredError` when
 * the store was opened without `datanetsSchema`.
 */
export function datanetDb(store: StoreSession) {
  return schemaDb<DatanetTables>(store, datanetsSchema)
}
