import { type Kysely, type Migration, Migrator } from 'kysely'
import { MigrationError } from '../errors/database.js'
import { migrations as storeMigrations } from '../migrations/migrations.js'

export type RunMigrationsOptions = {
  /** Defaults to the store's migrations; tests pass their own. */
  migrations?: Record<string, Migration> | undefined
  /**
   * Where Kysely keeps its bookkeeping tables. Needed on PostgreSQL: without it Kysely looks for
   * `kysely_migration` in every schema and, finding another schema's, skips creating ours.
   */
  migrationTableSchema?: string | undefined
}

/** Runs every pending migration (under Kysely's lock); throws `MigrationError` naming the failing one. */
export async function runMigrations(db: Kysely<unknown>, options: RunMigrationsOptions = {}): Promise<void> {
  const migrations = options.migrations ?? storeMigrations
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(options.migrationTableSchema ? { migrationTableSchema: options.migrationTableSchema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error === undefined) return
  const failed = results?.find((result) => result.status === 'Error')
  throw new MigrationError(failed?.migrationName, error)
}
