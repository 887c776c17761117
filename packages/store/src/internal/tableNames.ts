import { type Kysely, sql } from 'kysely'
import type { StoreDialect } from '../types.js'

/** The tables of the store's database: on PostgreSQL, of `schema` (default: the current one). */
export async function tableNames(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  schema?: string | undefined,
): Promise<Set<string>> {
  const query =
    dialect === 'postgres'
      ? sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = coalesce(${schema ?? null}, current_schema())`
      : sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
  const { rows } = await query.execute(db)
  return new Set(rows.map((row) => row.name))
}
