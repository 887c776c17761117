import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { proposal } from './conformance/fixtures.js'
import { getSafeTransaction } from './getSafeTransaction.js'
import { insertSafeTransaction } from './insertSafeTransaction.js'
import { openStore } from './openStore.js'
import { schemaDb } from './schemaDb.js'
import type { StoreSchema } from './types.js'
import { withTransaction } from './withTransaction.js'

type NotesTables = { notes: { id: string } }

/** A package's schema as the store sees it: a name and its migrations. */
const notesSchema: StoreSchema = {
  name: 'notes',
  migrations: {
    '0001_notes': {
      up: async (db) => {
        await db.schema
          .createTable('notes')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .execute()
      },
    },
  },
}

const directory = mkdtempSync(join(tmpdir(), 'openledger-store-unit-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** A port nothing listens on: bind an ephemeral one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('openStore', () => {
  it('rejects unsupported URLs, naming them with the password masked', async () => {
    const error = await openStore({ databaseUrl: 'mysql://root:s3cr/et@db:3306/app' }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'InvalidDatabaseUrlError', url: 'mysql://root:***@db:3306/app' })
    expect(String((error as Error).message)).not.toContain('s3cr')
    expect((error as Error).message).toMatchInlineSnapshot(`
      "Unsupported database URL "mysql://root:***@db:3306/app".

      Accepted forms:
        postgres://user:password@host:5432/database (or postgresql://)
        sqlite:<path> (e.g. sqlite:.openledger/openledger.sqlite)
        :memory: (a throwaway SQLite database)
        nothing, for <directory>/openledger.sqlite"
    `)
    for (const databaseUrl of ['sqlite:', 'openledger.sqlite', 'http://example.com', 'postgres:/x'])
      await expect(openStore({ databaseUrl })).rejects.toMatchObject({ name: 'InvalidDatabaseUrlError' })
  })

  it('opens :memory: with migrations applied', async () => {
    const store = await openStore({ databaseUrl: ':memory:' })
    try {
      expect(store.dialect).toBe('sqlite')
      const stored = await insertSafeTransaction(store, proposal())
      expect(await getSafeTransaction(store, stored.safeTxHash)).toEqual(stored)
    } finally {
      await store.close()
      await store.close()
    }
  })

  it('creates <directory>/openledger.sqlite in WAL mode with foreign keys on', async () => {
    const store = await openStore({ directory: join(directory, 'nested', '.openledger') })
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)
      const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db)
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db)
      expect(journal.rows[0]?.journal_mode).toBe('wal')
      expect(foreignKeys.rows[0]?.foreign_keys).toBe(1)
      expect(busy.rows[0]?.timeout).toBeGreaterThan(0)
    } finally {
      await store.close()
    }
    const again = await openStore({
      databaseUrl: `sqlite:${join(directory, 'nested', '.openledger', 'openledger.sqlite')}`,
    })
    await again.close()
  })

  it('is safe to open one SQLite file many times at once', async () => {
    const shared = join(directory, 'concurrent')
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ directory: shared })))
    try {
      const stored = await insertSafeTransaction(stores[0]!, proposal())
      for (const store of stores) expect(await getSafeTransaction(store, stored.safeTxHash)).toEqual(stored)
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })

  it('reports an unreachable PostgreSQL as StoreConnectionError naming host:port', async () => {
    const port = await closedPort()
    const databaseUrl = `postgres://root:hunter2@127.0.0.1:${port}/test`
    const error = await openStore({ databaseUrl, connectTimeoutMs: 2_000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'StoreConnectionError',
      shortMessage: `Cannot connect to PostgreSQL at 127.0.0.1:${port}.`,
      target: `127.0.0.1:${port}`,
    })
    expect((error as Error).message).not.toContain('hunter2')
    expect((error as Error).message).toContain('ECONNREFUSED')
  })

  it('rejects a schema name it cannot put in search_path', async () => {
    const databaseUrl = 'postgres://127.0.0.1:1/test'
    await expect(openStore({ databaseUrl, schema: 'a; drop table x' })).rejects.toMatchObject({
      name: 'InvalidStoreInputError',
      field: 'schema',
    })
  })

  it("runs a package's schema when given, and lets that package's tables be used only then", async () => {
    const store = await openStore({ databaseUrl: ':memory:', schemas: [notesSchema, notesSchema] })
    try {
      expect(store.schemas).toEqual(new Set(['store', 'notes']))
      await schemaDb<NotesTables>(store, notesSchema).insertInto('notes').values({ id: 'a' }).execute()
      const inside = await withTransaction(store, async (tx) =>
        schemaDb<NotesTables>(tx, notesSchema).selectFrom('notes').select('id').execute(),
      )
      expect(inside).toEqual([{ id: 'a' }])
      const applied = await sql<{ name: string }>`select name from kysely_migration_notes`.execute(store.db)
      expect(applied.rows).toEqual([{ name: '0001_notes' }])
    } finally {
      await store.close()
    }
    const without = await openStore({ databaseUrl: ':memory:' })
    try {
      const error = (() => {
        try {
          schemaDb<NotesTables>(without, notesSchema)
        } catch (e) {
          return e
        }
      })()
      expect(error).toMatchObject({ name: 'StoreSchemaNotRegisteredError', schema: 'notes' })
      expect((error as Error).message).toMatchInlineSnapshot(`
        "The store was opened without the "notes" schema.

        Opened with: store.
        Pass the package's schema where the store is opened: openStore({ schemas: [notesSchema, …] })."
      `)
    } finally {
      await without.close()
    }
  })

  it('rejects schemas it cannot name a table after, or two under one name, before connecting', async () => {
    const databaseUrl = 'postgres://127.0.0.1:1/test'
    const renamed = { ...notesSchema }
    for (const schemas of [
      [{ ...notesSchema, name: 'Notes' }],
      [notesSchema, renamed],
      [{ ...notesSchema, name: 'store' }],
    ])
      await expect(openStore({ databaseUrl, schemas })).rejects.toMatchObject({
        name: 'InvalidStoreInputError',
        field: 'schemas',
      })
  })
})
