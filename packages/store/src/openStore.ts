import { resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { InvalidDatabaseUrlError, MigrationError, StoreConnectionError } from './errors/database.js'
import type { InvalidStoreInputError } from './errors/input.js'
import { openPostgres } from './internal/openPostgres.js'
import { openSqlite } from './internal/openSqlite.js'
import { parseDatabaseUrl } from './internal/parseDatabaseUrl.js'
import { type RunMigrationsOptions, runMigrations } from './internal/runMigrations.js'
import { storeSchemas } from './internal/storeSchemas.js'
import type { Database, Store, StoreDialect, StoreSchema } from './types.js'

export type OpenStoreParameters = {
  /**
   * `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite:<path>` or `:memory:` for SQLite; absent (or
   * empty) for `<directory>/openledger.sqlite`.
   */
  databaseUrl?: string | undefined
  /** Where the default SQLite file lives. Defaults to `.openledger` (relative to the working directory). */
  directory?: string | undefined
  /** PostgreSQL only (ignored for SQLite): a schema to create if missing and use as `search_path`. */
  schema?: string | undefined
  /**
   * The packages' tables this code path uses, as each package exports them (`datanetsSchema`,
   * `settlementSchema`, `gatewaySchema`, `provisionSchema`): their migrations run on open, and only their
   * tables may be used through the store (`schemaDb` refuses the others). The store's own (Safe
   * transactions) always run. Not to be confused with `schema`, PostgreSQL's namespace.
   */
  schemas?: readonly StoreSchema[] | undefined
  /** PostgreSQL only: how long to wait for a connection. Defaults to 5 000 ms. */
  connectTimeoutMs?: number | undefined
}

export type OpenStoreReturnType = Store

export type OpenStoreErrorType =
  | InvalidDatabaseUrlError
  | StoreConnectionError
  | MigrationError
  | InvalidStoreInputError

/**
 * Opens the off-chain store and brings the tables of its schemas up to date: SQLite (WAL, foreign keys, busy
 * timeout) by default, PostgreSQL for a `postgres://` URL. Opening the same database twice, even at once, is
 * safe: migrations run under a lock (an advisory lock on PostgreSQL, a `begin immediate` transaction on
 * SQLite). A database migrated before each package owned its migrations has its records adopted, not re-run.
 *
 * @example
 * const store = await openStore({
 *   databaseUrl: process.env.DATABASE_URL,
 *   directory: '.openledger',
 *   schemas: [datanetsSchema, settlementSchema],
 * })
 * try {
 *   console.log(store.dialect, await listSafeTransactions(store, { status: 'proposed' }))
 * } finally {
 *   await store.close()
 * }
 */
export async function openStore(parameters: OpenStoreParameters = {}): Promise<OpenStoreReturnType> {
  const target = parseDatabaseUrl(parameters.databaseUrl, parameters.directory)
  const schemas = storeSchemas(parameters.schemas)
  if (target.dialect === 'sqlite') {
    const db = openSqlite(target.path)
    await migrateSqliteOrClose(db, target.path, schemas)
    return toStore(db, 'sqlite', schemas)
  }
  const { db, schema } = await openPostgres({
    url: target.url,
    hostPort: target.hostPort,
    schema: parameters.schema,
    connectTimeoutMs: parameters.connectTimeoutMs ?? 5_000,
  })
  await migrateOrClose(db, { dialect: 'postgres', schemas, migrationTableSchema: schema })
  return toStore(db, 'postgres', schemas)
}

async function migrateOrClose(db: Kysely<Database>, options: RunMigrationsOptions): Promise<void> {
  try {
    await runMigrations(db as Kysely<unknown>, options)
  } catch (error) {
    await db.destroy()
    throw error
  }
}

/** Per SQLite file, the migration run in progress in this process. */
const sqliteMigrations = new Map<string, Promise<void>>()

/**
 * Between processes, `begin immediate` serializes migrations. Within one process it cannot: better-sqlite3
 * waits for a lock synchronously, blocking the very event loop the lock holder needs to finish. So opens of
 * one file in this process take turns.
 */
async function migrateSqliteOrClose(
  db: Kysely<Database>,
  path: string,
  schemas: StoreSchema[],
): Promise<void> {
  const options: RunMigrationsOptions = { dialect: 'sqlite', schemas }
  if (path === ':memory:') return migrateOrClose(db, options)
  const key = resolve(path)
  const previous = sqliteMigrations.get(key) ?? Promise.resolve()
  const current = previous.catch(() => {}).then(() => migrateOrClose(db, options))
  sqliteMigrations.set(key, current)
  try {
    await current
  } finally {
    if (sqliteMigrations.get(key) === current) sqliteMigrations.delete(key)
  }
}

function toStore(db: Kysely<Database>, dialect: StoreDialect, schemas: readonly StoreSchema[]): Store {
  let closing: Promise<void> | undefined
  return {
    db,
    dialect,
    schemas: new Set(schemas.map((schema) => schema.name)),
    close: () => {
      closing ??= db.destroy()
      return closing
    },
  }
}
