import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store, type StoreSchema, sql } from '@openledger/store'
import { describeSchemaConformance } from '@openledger/store/conformance'
import { getAddress } from 'viem'
import { afterAll, describe, expect, test } from 'vitest'
import { listEpochReceipts } from './listEpochReceipts.js'
import { listEpochs } from './listEpochs.js'
import { settlement } from './migrations/0003_settlement.js'
import { settlementSchema } from './settlementSchema.js'

const postgresUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
describeSchemaConformance(settlementSchema, { postgresUrl })

const directory = mkdtempSync(join(tmpdir(), 'openledger-settlement-migration-'))
const pgSchema = `settlement_migration_${Date.now()}`
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const backends = [
  [
    'SQLite',
    (schemas: StoreSchema[]) =>
      openStore({ databaseUrl: `sqlite:${join(directory, 'ledger.sqlite')}`, schemas }),
  ],
  [
    'PostgreSQL',
    (schemas: StoreSchema[]) => openStore({ databaseUrl: postgresUrl, schema: pgSchema, schemas }),
  ],
] as const

describe.each(backends)('0006_settlement_dispute_window on %s', (name, open) => {
  test("keeps the first FeeRouter's ledger: a settled epoch becomes final, its receipts its published list", async () => {
    const key = { chain_id: 31337, fee_router: getAddress(`0x${'00'.repeat(19)}fe`) }
    const before: Store = await open([{ name: 'settlement', migrations: { '0003_settlement': settlement } }])
    try {
      const insert = (table: string, row: Record<string, unknown>) =>
        sql`insert into ${sql.table(table)} (${sql.join(Object.keys(row).map((c) => sql.ref(c)))})
          values (${sql.join(Object.values(row))})`.execute(before.db)
      for (const [id, epoch] of [
        ['0x02', 1],
        ['0x01', 1],
        ['0x03', null],
      ] as const)
        await insert('settlement_receipts', {
          ...key,
          receipt_id: id,
          agent_id: '1',
          payer: key.fee_router,
          fee: '5',
          receipt: JSON.stringify({ id }),
          status: 'metered',
          epoch,
          created_at: 't',
        })
      await insert('settlement_epochs', {
        ...key,
        epoch: 1,
        status: 'settled',
        receipts_root: '0xaa',
        payouts_root: '0xbb',
        receipt_count: 2,
        total_fees: '10',
        contributors_paid: '4',
        splits: '{}',
        call: JSON.stringify({ charges: [], agents: [], adapterCreators: [] }),
        payouts_tree: null,
        tx_hash: '0xcc',
        block_number: '7',
        created_at: 't0',
        sent_at: 't1',
        settled_at: 't2',
      })
    } finally {
      await before.close()
    }
    const after = await open([settlementSchema])
    try {
      const ledger = { chainId: key.chain_id, feeRouter: key.fee_router }
      const [epoch] = await listEpochs(after, ledger)
      expect(epoch).toMatchObject({
        epoch: 1n,
        status: 'final',
        postedAt: 't2',
        finalAt: 't2',
        txHash: '0xcc',
      })
      expect((await listEpochReceipts(after, ledger, 1n)).map((r) => r.receipt)).toEqual([
        { id: '0x01' },
        { id: '0x02' },
      ])
      if (name === 'PostgreSQL') await sql`drop schema ${sql.id(pgSchema)} cascade`.execute(after.db)
    } finally {
      await after.close()
    }
  })
})
