import { type Kysely, Migrator } from 'kysely'
import { MigrationError } from '../errors/database.js'
import type { StoreDialect, StoreSchema } from '../types.js'
import { adoptLegacyMigrations } from './adoptLegacyMigrations.js'
import { migrationTableOf } from './migrationTable.js'

export type RunMigrationsOptions = {
  dialect: StoreDialect
  /** Migrated in this order, each with its own Kysely table (`kysely_migration_<name>`). */
  schemas: readonly StoreSchema[]
  /**
   * Where Kysely keeps its bookkeeping tables. Needed on PostgreSQL: without it Kysely looks for its tables
   * in every schema and, finding another schema's, skips creating ours.
   */
  migrationTableSchema?: string | undefined
}

/**
 * Adopts what a database migrated before each package owned its migrations recorded, then runs every pending
 * migration of each schema, each under Kysely's lock (a PostgreSQL advisory lock; SQLite's `begin
 * immediate`). Throws `MigrationError` naming the failing migration and its schema.
 */
export async function runMigrations(db: Kysely<unknown>, options: RunMigrationsOptions): Promise<void> {
  const { dialect, schemas, migrationTableSchema } = options
  try {
    await adoptLegacyMigrations(db, { dialect, schemas, migrationTableSchema })
  } catch (error) {
    throw new MigrationError(undefined, error)
  }
  for (const schema of schemas) await migrateSchema(db, schema, migrationTableSchema)
}

async function migrateSchema(
  db: Kysely<unknown>,
  schema: StoreSchema,
  migrationTableSchema: string | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...schema.migrations }) },
    migrationTableName: migrationTableOf(schema.name),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error === undefined) return
  const failed = results?.find((result) => result.status === 'Error')
  throw new MigrationError(failed?.migrationName, error, schema.name)
}
