import type SqliteDatabase from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely'

/**
 * Takes the write lock when a transaction begins rather than at its first write. With a plain `begin`, a
 * transaction that reads and then writes while another process writes fails at once with SQLITE_BUSY; with
 * `begin immediate` it waits out `busy_timeout` instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/**
 * SQLite does roll back DDL, but Kysely's adapter says it does not, so its Migrator would run migrations
 * outside a transaction and without a lock: a migration failing halfway would stay half-applied, and two
 * processes opening a new file at once could both run it. Saying yes makes each migration run inside one
 * `begin immediate` transaction, which is also the lock between processes.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/** Kysely's SQLite dialect with immediate transactions and transactional migrations. */
export function sqliteDialect(database: SqliteDatabase.Database): Dialect {
  const config = { database }
  const base = new SqliteDialect(config)
  return {
    createDriver: () => new ImmediateSqliteDriver(config),
    createQueryCompiler: () => base.createQueryCompiler(),
    createAdapter: () => new TransactionalSqliteAdapter(),
    createIntrospector: (db) => base.createIntrospector(db),
  }
}
