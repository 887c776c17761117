import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely } from 'kysely'
import { StoreConnectionError } from '../errors/database.js'
import type { Database } from '../types.js'
import { sqliteDialect } from './sqliteDialect.js'

/** How long a writer waits for another process's lock before SQLITE_BUSY. */
const busyTimeoutMs = 5_000

/** Opens (creating it and its directory if needed) a SQLite file in WAL mode with foreign keys on. */
export function openSqlite(path: string): Kysely<Database> {
  let sqlite: SqliteDatabase.Database
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    sqlite = new SqliteDatabase(path, { timeout: busyTimeoutMs })
    // WAL lets readers in other processes go on while one writes; `:memory:` stays in 'memory' mode.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
    sqlite.pragma('synchronous = NORMAL')
  } catch (cause) {
    throw new StoreConnectionError({ dialect: 'sqlite', target: path, cause })
  }
  return new Kysely<Database>({ dialect: sqliteDialect(sqlite) })
}
