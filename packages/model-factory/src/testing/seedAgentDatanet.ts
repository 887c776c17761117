import type { ChainConnection, Manifest } from '@openledger/chain'
import {
  createDatanet,
  type Datanet,
  type DatanetIndex,
  type DatanetRow,
  type Embedder,
  getRow,
  importRows,
  openIndex,
  reviewRow,
} from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import type { LocalAccount } from 'viem'

/**
 * For tests, what provisioning does for an agent package's datanet: create it (curated by `curator`), import
 * its seed rows file as `contributor`, accept every row, and open its vector index.
 *
 * @example
 * const { rows, index } = await seedAgentDatanet(connection, store, {
 *   manifest, curator, contributor, rowsFile: 'agents/defi-assistant/datanet/rows.jsonl', embedder, directory,
 * })
 */
export async function seedAgentDatanet(
  connection: ChainConnection,
  store: StoreSession,
  parameters: {
    manifest: Manifest
    curator: LocalAccount
    contributor: LocalAccount
    rowsFile: string
    embedder: Embedder
    directory: string
  },
): Promise<{ datanet: Datanet; rows: DatanetRow[]; index: DatanetIndex }> {
  const { manifest, curator, contributor } = parameters
  const datanet = await createDatanet(connection, store, {
    registry: manifest.contracts.DatanetRegistry,
    account: curator,
    license: 'CC-BY-4.0',
    metadataURI: 'ipfs://seed-datanet.json',
    name: 'seed',
  })
  const { rowIds } = await importRows(store, { datanet, file: parameters.rowsFile, signer: contributor })
  const rows: DatanetRow[] = []
  for (const rowId of rowIds) {
    const row = await getRow(store, rowId)
    if (row?.status !== 'pending') continue
    rows.push(await reviewRow(connection, store, { rowId, curator: curator.address, decision: 'accepted' }))
  }
  const index = await openIndex(store, {
    datanet,
    embedder: parameters.embedder,
    directory: parameters.directory,
  })
  return { datanet, rows, index }
}
