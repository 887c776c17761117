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
import type { LoraHost } from '@openledger/lora-host'
import { fineTune, peftAdapterFiles, tokenizeRow } from '@openledger/model-factory'
import type { StoreSession } from '@openledger/store'
import type { LocalAccount } from 'viem'

/**
 * For tests, what provisioning does for an agent package's datanet: create it (curated by `curator`), import
 * its seed rows file as `contributor`, accept every row, and open its vector index.
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

/**
 * For tests, what provisioning does for an adapter role: fine-tune a LoRA adapter on the rows (ModelFactory,
 * rank 8 on q, k, v, o) and register it in the host as `name`.
 */
export async function trainAdapter(
  host: LoraHost,
  rows: readonly DatanetRow[],
  parameters: { name: string; steps: number },
): Promise<void> {
  const { model } = host
  const result = await fineTune({
    weights: model.weights,
    sequences: rows.map((row) => tokenizeRow(model.tokenizer, row.content)),
    // Evaluated only at the end, so the final adapter is kept: the best held-out loss comes early (about step
    // 40), before the adapter has learned the rows' wording, which is what the answers and span attribution use.
    options: {
      rank: 8,
      steps: parameters.steps,
      batch: 8,
      seqLen: 128,
      lr: 1e-2,
      evalEvery: parameters.steps,
      patience: 0,
      seed: 7,
    },
  })
  const files = peftAdapterFiles({ result, config: model.weights.config, baseModel: model.id })
  await host.registerAdapter({ name: parameters.name, files })
}
