import { resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { InvalidDatabaseUrlError, MigrationError, StoreConnectionError } from './errors/database.js'
import type { InvalidStoreInputError } from './errors/input.js'
import { openPostgres } from './internal/openPostgres.js'
import { openSqlite } from './internal/openSqlite.js'
import { parseDatabaseUrl } from './internal/parseDatabaseUrl.js'
import { runMigrations } from './internal/runMigrations.js'
import type { Database, Store } from './types.js'

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
 * Opens the off-chain store and brings its schema up to date: SQLite (WAL, foreign keys, busy timeout) by
 * default, PostgreSQL for a `postgres://` URL. Opening the same database twice, even at once, is safe:
 * migrations run under a lock (an advisory lock on PostgreSQL, a `begin immediate` transaction on SQLite).
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, directory: '.openledger' })
 * try {
 *   console.log(store.dialect, await listSafeTransactions(store, { status: 'proposed' }))
 * } finally {
 *   await store.close()
 * }
 */
export async function openStore(parameters: OpenStoreParameters = {}): Promise<OpenStoreReturnType> {
  const target = parseDatabaseUrl(parameters.databaseUrl, parameters.directory)
  if (target.dialect === 'sqlite') {
    const db = openSqlite(target.path)
    await migrateSqliteOrClose(db, target.path)
    return toStore(db, 'sqlite')
  }
  const { db, schema } = await openPostgres({
    url: target.url,
    hostPort: target.hostPort,
    schema: parameters.schema,
    connectTimeoutMs: parameters.connectTimeoutMs ?? 5_000,
  })
  await migrateOrClose(db, schema)
  return toStore(db, 'postgres')
}

async function migrateOrClose(db: Kysely<Database>, migrationTableSchema?: string): Promise<void> {
  try {
    await runMigrations(db as Kysely<unknown>, { migrationTableSchema })
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
async function migrateSqliteOrClose(db: Kysely<Database>, path: string): Promise<void> {
  if (path === ':memory:') return migrateOrClose(db)
  const key = resolve(path)
  const previous = sqliteMigrations.get(key) ?? Promise.resolve()
  const current = previous.catch(() => {}).then(() => migrateOrClose(db))
  sqliteMigrations.set(key, current)
  try {
    await current
  } finally {
    if (sqliteMigrations.get(key) === current) sqliteMigrations.delete(key)
  }
}

function toStore(db: Kysely<Database>, dialect: Store['dialect']): Store {
  let closing: Promise<void> | undefined
  return {
    db,
    dialect,
    close: () => {
      closing ??= db.destroy()
      return closing
    },
  }
}
