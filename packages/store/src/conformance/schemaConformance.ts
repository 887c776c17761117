import { type Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { migrationTableOf } from '../internal/migrationTable.js'
import { tableNames } from '../internal/tableNames.js'
import { storeSchema } from '../migrations/storeSchema.js'
import type { Store, StoreSchema } from '../types.js'
import type { ConformanceBackend } from './backends.js'
import { layOutLegacyDatabase } from './legacy.js'

/** How many stores the concurrency checks open at once. */
const atOnce = 3

/**
 * Registers, as vitest tests, the checks one package's schema passes on a backend: its migrations create its
 * tables on a fresh database without any other package's schema and record themselves in
 * `kysely_migration_<name>`; many stores opening at once run each migration once; its down migrations drop
 * exactly its tables; and a database migrated before each package owned its migrations (all recorded in
 * `kysely_migration`) has its records adopted, not re-run.
 */
export function describeSchemaOn(schema: StoreSchema, backend: ConformanceBackend): void {
  const names = Object.keys(schema.migrations).sort()
  const reversible = Object.values(schema.migrations).every((migration) => migration.down !== undefined)

  it(`creates its tables alone, records its migrations in ${migrationTableOf(schema.name)}, and runs each once`, async () => {
    const database = backend.fresh()
    const before = await withStore(database.open([]), userTables)
    const stores = await Promise.all(Array.from({ length: atOnce }, () => database.open([schema])))
    try {
      const first = stores[0]!
      expect(first.schemas).toEqual(new Set([storeSchema.name, schema.name]))
      const after = await userTables(first)
      expect(after).toEqual(expect.arrayContaining(before))
      expect(after.length).toBeGreaterThan(before.length)
      const recorded = await migrationsOf(first, schema)
      expect([...recorded.keys()]).toEqual(names)
      for (const store of stores.slice(1)) expect(await migrationsOf(store, schema)).toEqual(recorded)
      const again = await database.open([schema])
      try {
        expect(await migrationsOf(again, schema)).toEqual(recorded)
        expect(await userTables(again)).toEqual(after)
      } finally {
        await again.close()
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })

  it.skipIf(!reversible)('drops exactly its tables with its down migrations, newest first', async () => {
    const database = backend.fresh()
    const before = await withStore(database.open([]), userTables)
    await withStore(database.open([schema]), async (store) => {
      for (const name of [...names].reverse()) await schema.migrations[name]?.down?.(store.db)
      expect(await userTables(store)).toEqual(before)
    })
  })

  it('adopts the records of a database migrated before it owned its migrations, opened many times at once', async () => {
    const database = backend.fresh()
    const raw = await database.raw()
    let legacy: Map<string, string>
    try {
      legacy = await layOutLegacyDatabase(raw, { ...storeSchema.migrations, ...schema.migrations })
    } finally {
      await raw.destroy()
    }
    // Running a migration again would fail: its tables exist.
    const stores = await Promise.all(Array.from({ length: atOnce }, () => database.open([schema])))
    try {
      for (const store of stores)
        for (const adopted of [schema, storeSchema]) {
          const expected = Object.keys(adopted.migrations).map((name) => [name, legacy.get(name)] as const)
          expect(await migrationsOf(store, adopted)).toEqual(new Map(expected))
        }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })
}

async function withStore<T>(opening: Promise<Store>, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await opening
  try {
    return await use(store)
  } finally {
    await store.close()
  }
}

/** The tables other than Kysely's bookkeeping, sorted. */
async function userTables(store: Store): Promise<string[]> {
  const names = await tableNames(store.db as Kysely<unknown>, store.dialect)
  return [...names].filter((name) => !name.startsWith('kysely_migration')).sort()
}

/** What `kysely_migration_<name>` records: migration name → timestamp, by name. */
async function migrationsOf(store: Store, schema: StoreSchema): Promise<Map<string, string>> {
  const table = sql.table(migrationTableOf(schema.name))
  const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from ${table}
    order by name`.execute(store.db)
  return new Map(rows.map((row) => [row.name, row.timestamp]))
}
