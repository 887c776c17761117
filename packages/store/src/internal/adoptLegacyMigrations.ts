import { type Kysely, sql } from 'kysely'
import type { StoreDialect, StoreSchema } from '../types.js'
import { legacyMigrationTable, migrationTableOf } from './migrationTable.js'
import { tableNames } from './tableNames.js'

/** The key of Kysely's own PostgreSQL migration lock (its PostgresAdapter), so adoption and migrations take turns. */
const postgresMigrationLockId = 3853314791062309107n

type MigrationRow = { name: string; timestamp: string }
type MigrationTables = Record<string, MigrationRow>

export type AdoptLegacyMigrationsOptions = {
  dialect: StoreDialect
  schemas: readonly StoreSchema[]
  /** The PostgreSQL schema that holds Kysely's tables (undefined on SQLite). */
  migrationTableSchema?: string | undefined
}

/**
 * A database migrated before each package owned its migrations recorded them all in one table,
 * `kysely_migration`. For each schema whose own table (`kysely_migration_<name>`) records nothing yet, copies
 * the records of its migrations from there (names and times), so they count as done and never run twice. In
 * one transaction under the migration lock (a PostgreSQL advisory lock; SQLite's `begin immediate`), so
 * concurrent opens adopt once. The old table is left as it is.
 */
export async function adoptLegacyMigrations(
  db: Kysely<unknown>,
  options: AdoptLegacyMigrationsOptions,
): Promise<void> {
  const { dialect, schemas, migrationTableSchema } = options
  if (!(await tableNames(db, dialect, migrationTableSchema)).has(legacyMigrationTable)) return
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${sql.lit(postgresMigrationLockId)})`.execute(trx)
    const tables = await tableNames(trx, dialect, migrationTableSchema)
    for (const schema of schemas) await adopt(trx, schema, tables, migrationTableSchema)
  })
}

async function adopt(
  trx: Kysely<unknown>,
  schema: StoreSchema,
  tables: ReadonlySet<string>,
  migrationTableSchema: string | undefined,
): Promise<void> {
  const names = Object.keys(schema.migrations)
  if (names.length === 0) return
  const own = migrationTableOf(schema.name)
  const db = inSchema(trx as Kysely<MigrationTables>, migrationTableSchema)
  if (tables.has(own) && (await db.selectFrom(own).select('name').limit(1).executeTakeFirst())) return
  const recorded = await db
    .selectFrom(legacyMigrationTable)
    .select(['name', 'timestamp'])
    .where('name', 'in', names)
    .execute()
  if (recorded.length === 0) return
  if (!tables.has(own)) {
    // The same shape as the table Kysely's Migrator creates, which then finds it and reads it.
    const ddl = migrationTableSchema ? trx.schema.withSchema(migrationTableSchema) : trx.schema
    await ddl
      .createTable(own)
      .addColumn('name', 'varchar(255)', (col) => col.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (col) => col.notNull())
      .execute()
  }
  await db.insertInto(own).values(recorded).execute()
}

function inSchema(db: Kysely<MigrationTables>, schema: string | undefined): Kysely<MigrationTables> {
  return schema ? db.withSchema(schema) : db
}
