import type { SeedDatanet } from '@openledger/agent-runtime'
import type { ChainConnection } from '@openledger/chain'
import {
  commitBatch,
  type Datanet,
  type DatanetIndex,
  type Embedder,
  importRows,
  listRows,
  openIndex,
  reviewRow,
} from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import type { Address, LocalAccount } from 'viem'
import { mirrorSeedDatanet } from './mirrorSeedDatanet.js'

export type EnsureSeedDatanetParameters = {
  registry: Address
  /** Creates and curates the datanet, and signs the seed rows as their contributor. */
  curator: LocalAccount
  seed: SeedDatanet
  embedder: Embedder
  /** Where vector indexes live (`$OPENLEDGER_HOME/indexes`, as `openledger datanet search` reads them). */
  indexDirectory: string
  onProgress?: ((line: string) => void) | undefined
}

export type EnsureSeedDatanetReturnType = {
  datanet: Datanet
  created: boolean
  /** Rows of the seed file stored by this call (0 when all were there). */
  imported: number
  /** Accepted rows in the datanet. */
  accepted: number
  /** The batch committed by this call, if any. */
  committedBatch: number | undefined
  index: DatanetIndex
}

/**
 * A seed datanet, ready to serve: on the chain and in the store (reused by its curator and URI), its seed
 * rows imported (re-imports are duplicates), the seed rows accepted, committed on-chain as a batch, and
 * indexed. Each step only does what is missing, so a run stopped halfway resumes.
 */
export async function ensureSeedDatanet(
  connection: ChainConnection,
  store: StoreSession,
  parameters: EnsureSeedDatanetParameters,
): Promise<EnsureSeedDatanetReturnType> {
  const { registry, curator, seed, onProgress } = parameters
  const { datanet, created, forgotStale } = await mirrorSeedDatanet(connection, store, {
    registry,
    curator,
    name: seed.name,
    license: seed.license,
  })
  if (forgotStale)
    onProgress?.(`  forgot the store's datanet ${datanet.datanetId} of a reset chain (same registry address)`)
  const { imported, rowIds } = await importRows(store, { datanet, file: seed.rowsFile, signer: curator })
  const seedRows = new Set(rowIds)
  // Only the seed file's rows are accepted on the curator's behalf: others wait for a human review.
  const pending = await listRows(store, { datanet, status: 'pending', limit: 100_000 })
  for (const row of pending)
    if (seedRows.has(row.rowId))
      await reviewRow(connection, store, { rowId: row.rowId, curator: curator.address, decision: 'accepted' })
  const uncommitted = await listRows(store, { datanet, status: 'accepted', committed: false, limit: 1 })
  let committedBatch: number | undefined
  if (uncommitted.length > 0) {
    committedBatch = (
      await commitBatch(connection, store, { datanet, account: curator, uri: `file://${seed.rowsFile}` })
    ).batchIndex
    onProgress?.(`  committed batch ${committedBatch} of datanet ${datanet.datanetId} on-chain`)
  }
  const accepted = (await listRows(store, { datanet, status: 'accepted', limit: 1_000_000 })).length
  const index = await openIndex(store, {
    datanet,
    embedder: parameters.embedder,
    directory: parameters.indexDirectory,
  })
  return { datanet, created, imported, accepted, committedBatch, index }
}
