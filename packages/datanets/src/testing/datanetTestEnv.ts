import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { openStore, type Store } from '@openledger/store'
import { type Address, createTestClient, custom, type Hex, type LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createDatanet } from '../datanets/createDatanet.js'
import { datanetsSchema } from '../store/datanetsSchema.js'
import type { Datanet } from '../types.js'

export type Backend = 'sqlite' | 'postgres'

export type DatanetTestEnv = {
  chain: DeployedDevnet
  store: Store
  registry: Address
  /** Dev account 7: curates `datanet`. */
  curator: LocalAccount
  /** Dev accounts 8 and 9 (funded). */
  alice: LocalAccount
  bob: LocalAccount
  datanet: Datanet
  testClient: ReturnType<typeof testClientOf>
  /** A scratch directory, removed by `cleanup`. */
  directory: string
  /** Another datanet, curated by `curator` unless told otherwise. */
  newDatanet: (options?: {
    account?: LocalAccount | Hex
    curator?: Address
    license?: string
  }) => Promise<Datanet>
  cleanup: () => Promise<void>
}

const testClientOf = (chain: DeployedDevnet) =>
  createTestClient({ mode: 'hardhat', transport: custom(chain.devnet), chain: chain.connection.chain })

/**
 * For tests: a devnet with the protocol deployed, a fresh store (a temporary SQLite file, or a schema of its
 * own on the PostgreSQL at `DATABASE_URL`, default postgres://127.0.0.1:5432/test) and one datanet.
 */
export async function datanetTestEnv(backend: Backend = 'sqlite'): Promise<DatanetTestEnv> {
  const chain = await deployedDevnet()
  const directory = mkdtempSync(join(tmpdir(), 'openledger-datanets-'))
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
  const schema = `datanets_test_${randomBytes(6).toString('hex')}`
  const store =
    backend === 'sqlite'
      ? await openStore({ directory, schemas: [datanetsSchema] })
      : await openStore({ databaseUrl, schema, schemas: [datanetsSchema] })
  const account = (i: number) => privateKeyToAccount(chain.devnet.accounts[i]!.privateKey)
  const curator = account(7)
  const registry = chain.manifest.contracts.DatanetRegistry
  const newDatanet = (options: { account?: LocalAccount | Hex; curator?: Address; license?: string } = {}) =>
    createDatanet(chain.connection, store, {
      registry,
      account: options.account ?? curator,
      curator: options.curator,
      license: options.license ?? 'CC-BY-4.0',
      metadataURI: 'ipfs://datanet.json',
      name: 'stories',
    })
  return {
    chain,
    store,
    registry,
    curator,
    alice: account(8),
    bob: account(9),
    datanet: await newDatanet(),
    testClient: testClientOf(chain),
    directory,
    newDatanet,
    async cleanup() {
      if (backend === 'postgres') await store.db.schema.dropSchema(schema).ifExists().cascade().execute()
      await store.close()
      rmSync(directory, { recursive: true, force: true })
      chain.cleanup()
    },
  }
}
