import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { useConformanceBackends } from './conformance/backends.js'
import { proposal } from './conformance/fixtures.js'
import { layOutLegacyDatabase } from './conformance/legacy.js'
import { describeSchemaConformance, describeStoreConformance } from './conformance.js'
import { getSafeTransaction } from './getSafeTransaction.js'
import { insertSafeTransaction } from './insertSafeTransaction.js'
import { storeSchema } from './migrations/storeSchema.js'
import { openStore } from './openStore.js'
import type { StoreSchema } from './types.js'

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const directory = mkdtempSync(join(tmpdir(), 'openledger-store-'))
const schemas: string[] = []

/** A schema of its own per run, so parallel and repeated runs never meet. */
function freshSchema(): string {
  const schema = `store_test_${randomBytes(6).toString('hex')}`
  schemas.push(schema)
  return schema
}

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true })
  // A store is the simplest client that knows this machine's PostgreSQL user; its own schema goes too.
  const admin = await openStore({ databaseUrl, schema: conformanceSchema })
  try {
    for (const schema of schemas) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db)
  } finally {
    await admin.close()
  }
})

describeStoreConformance('sqlite', () => openStore({ directory }))

const conformanceSchema = freshSchema()
describeStoreConformance('postgres', () => openStore({ databaseUrl, schema: conformanceSchema }))

describe('openStore on PostgreSQL', () => {
  it('is safe to open many times at once on a fresh schema', async () => {
    const schema = freshSchema()
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ databaseUrl, schema })))
    try {
      const first = stores[0]!
      const stored = await insertSafeTransaction(first, proposal())
      for (const store of stores) {
        expect(store.dialect).toBe('postgres')
        expect(await getSafeTransaction(store, stored.safeTxHash)).toEqual(stored)
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })

  it('keeps schemas apart: a row in one is not seen from another', async () => {
    const [a, b] = await Promise.all([
      openStore({ databaseUrl, schema: freshSchema() }),
      openStore({ databaseUrl, schema: freshSchema() }),
    ])
    try {
      const stored = await insertSafeTransaction(a, proposal())
      expect(await getSafeTransaction(b, stored.safeTxHash)).toBeUndefined()
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})

/** A package's schema of two migrations (a table with a foreign key, then an index), to test the suite itself. */
const notesSchema: StoreSchema = {
  name: 'notes',
  migrations: {
    '0001_notes': {
      up: async (db) => {
        await db.schema
          .createTable('notebooks')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .execute()
        await db.schema
          .createTable('notes')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('notebook', 'text', (col) =>
            col.notNull().references('notebooks.id').onDelete('cascade'),
          )
          .execute()
      },
      down: async (db) => {
        await db.schema.dropTable('notes').execute()
        await db.schema.dropTable('notebooks').execute()
      },
    },
    '0002_notes_by_notebook': {
      up: async (db) => {
        await db.schema.createIndex('notes_by_notebook').on('notes').column('notebook').execute()
      },
      down: async (db) => {
        await db.schema.dropIndex('notes_by_notebook').execute()
      },
    },
  },
}

describeSchemaConformance(notesSchema, { postgresUrl: databaseUrl })

describe("adopting a database's records from before each package owned its migrations", () => {
  for (const backend of useConformanceBackends(databaseUrl))
    it(`keeps the data, runs nothing again, and adopts each schema when it is registered: ${backend.dialect}`, async () => {
      const database = backend.fresh()
      const raw = await database.raw()
      let legacy: Map<string, string>
      try {
        // The five names `npm start` recorded, with a stand-in for each table the packages now own.
        const others = ['0002_datanets', '0003_settlement', '0004_gateway', '0005_agent_wallets']
        const standIns = Object.fromEntries(
          others.map((name) => [
            name,
            {
              up: async (db: typeof raw) =>
                void (await db.schema.createTable(name.slice(5)).addColumn('id', 'text').execute()),
            },
          ]),
        )
        legacy = await layOutLegacyDatabase(raw, { ...storeSchema.migrations, ...standIns })
      } finally {
        await raw.destroy()
      }
      const stored = await (async () => {
        const store = await database.open([])
        try {
          return await insertSafeTransaction(store, proposal())
        } finally {
          await store.close()
        }
      })()
      const gateway: StoreSchema = {
        name: 'gateway',
        migrations: {
          '0004_gateway': {
            up: async () => {
              throw new Error('ran again')
            },
          },
        },
      }
      const stores = await Promise.all([database.open([gateway]), database.open([gateway])])
      try {
        for (const store of stores) {
          expect(await getSafeTransaction(store, stored.safeTxHash)).toEqual(stored)
          for (const [schema, name] of [
            ['store', '0001_safe_transactions'],
            ['gateway', '0004_gateway'],
          ] as const) {
            const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp
              from ${sql.table(`kysely_migration_${schema}`)}`.execute(store.db)
            expect(rows).toEqual([{ name, timestamp: legacy.get(name) }])
          }
        }
      } finally {
        await Promise.all(stores.map((store) => store.close()))
      }
    })
})
