import type { Kysely, Migration } from 'kysely'
import { legacyMigrationTable } from '../internal/migrationTable.js'

type LegacyTables = {
  kysely_migration: { name: string; timestamp: string }
  kysely_migration_lock: { id: string; is_locked: number }
}

/**
 * Lays a database out as `openStore` did before each package owned its migrations: runs `migrations` in name
 * order, recording each in the one `kysely_migration` table (with Kysely's lock table beside it). Returns the
 * records, name → timestamp.
 */
export async function layOutLegacyDatabase(
  raw: Kysely<unknown>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<Map<string, string>> {
  const db = raw as Kysely<LegacyTables>
  await db.schema
    .createTable(legacyMigrationTable)
    .addColumn('name', 'varchar(255)', (col) => col.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('kysely_migration_lock')
    .addColumn('id', 'varchar(255)', (col) => col.notNull().primaryKey())
    .addColumn('is_locked', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.insertInto('kysely_migration_lock').values({ id: 'migration_lock', is_locked: 0 }).execute()
  const records = new Map<string, string>()
  for (const [index, name] of Object.keys(migrations).sort().entries()) {
    await migrations[name]?.up(raw)
    const timestamp = new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString()
    await db.insertInto('kysely_migration').values({ name, timestamp }).execute()
    records.set(name, timestamp)
  }
  return records
}
