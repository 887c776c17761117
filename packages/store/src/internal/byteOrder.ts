import { type RawBuilder, sql } from 'kysely'
import type { StoreDialect } from '../types.js'

/**
 * A column to sort by byte order on both backends. SQLite compares text as bytes already; PostgreSQL uses
 * the database collation (en_US sorts 'a' before 'B'), so it is told `collate "C"` to agree with SQLite.
 */
export function byteOrder(dialect: StoreDialect, column: string): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`${sql.ref(column)} collate "C"`
    : sql<string>`${sql.ref(column)}`
}
