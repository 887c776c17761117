import type { DeployedDevnet } from '@openledger/chain/testing'
import {
  contributeRow,
  createDatanet,
  type Datanet,
  type DatanetIndex,
  type DatanetRow,
  type Embedder,
  openIndex,
  type RowContent,
  reviewRow,
  signContribution,
} from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import { privateKeyToAccount } from 'viem/accounts'

/**
 * For tests: a datanet curated by dev account 7 whose rows (texts or prompt/completion pairs) are contributed,
 * signed, by dev accounts 8 and 9 in turn and all accepted, with its vector index opened under `directory`.
 */
export async function seedTestDatanet(
  chain: DeployedDevnet,
  store: StoreSession,
  parameters: { rows: readonly (string | RowContent)[]; embedder: Embedder; directory: string },
): Promise<{ datanet: Datanet; rows: DatanetRow[]; index: DatanetIndex }> {
  const account = (i: number) => privateKeyToAccount(chain.devnet.accounts[i]!.privateKey)
  const curator = account(7)
  const license = 'CC-BY-4.0'
  const datanet = await createDatanet(chain.connection, store, {
    registry: chain.manifest.contracts.DatanetRegistry,
    account: curator,
    license,
    metadataURI: 'ipfs://test-datanet.json',
    name: 'test',
  })
  const rows: DatanetRow[] = []
  for (const [i, row] of parameters.rows.entries()) {
    const content: RowContent = typeof row === 'string' ? { kind: 'text', text: row } : row
    const contributor = account(8 + (i % 2))
    const signature = await signContribution(contributor, { datanet, content, license })
    const { row: stored } = await contributeRow(store, {
      datanet,
      content,
      license,
      contributor: contributor.address,
      signature,
    })
    rows.push(
      await reviewRow(chain.connection, store, {
        rowId: stored.rowId,
        curator: curator.address,
        decision: 'accepted',
      }),
    )
  }
  const index = await openIndex(store, {
    datanet,
    embedder: parameters.embedder,
    directory: parameters.directory,
  })
  return { datanet, rows, index }
}
