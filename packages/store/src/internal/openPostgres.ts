import { CompiledQuery, type DatabaseIntrospector, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { StoreConnectionError } from '../errors/database.js'
import { postgresUrlWithDefaultUser } from '../postgresUrlWithDefaultUser.js'
import type { Database } from '../types.js'
import { CurrentSchemaIntrospector } from './currentSchemaIntrospector.js'
import { assertSchemaName } from './validate.js'

export type OpenPostgresOptions = {
  url: string
  hostPort: string
  schema?: string | undefined
  connectTimeoutMs: number
}

/**
 * A pooled Kysely over PostgreSQL, checked reachable. With `schema`, creates it if missing and makes it the
 * `search_path` of every pooled connection. Returns the schema the store's tables live in.
 */
export async function openPostgres(
  options: OpenPostgresOptions,
): Promise<{ db: Kysely<Database>; schema: string }> {
  const { url, hostPort, schema, connectTimeoutMs } = options
  if (schema !== undefined) assertSchemaName('schema', schema)
  const pool = new pg.Pool({
    connectionString: postgresUrlWithDefaultUser(url),
    connectionTimeoutMillis: connectTimeoutMs,
  })
  // An idle client's network error would otherwise be an unhandled 'error' event and kill the process;
  // the next query reports it instead.
  pool.on('error', () => {})
  const db = new Kysely<Database>({
    dialect: new StorePostgresDialect({
      pool,
      ...(schema
        ? {
            onCreateConnection: (connection) => connection.executeQuery(setSearchPath(schema)).then(() => {}),
          }
        : {}),
    }),
  })
  let current: string
  try {
    const row = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
    current = row.rows[0]?.schema ?? 'public'
  } catch (cause) {
    await db.destroy()
    throw new StoreConnectionError({
      dialect: 'postgres',
      target: hostPort,
      cause,
      hint: 'Is the server running and reachable, and are the user, password and database right?',
    })
  }
  if (schema === undefined) return { db, schema: current }
  try {
    await createSchema(db, schema)
  } catch (cause) {
    await db.destroy()
    throw cause
  }
  return { db, schema }
}

/** PostgreSQL, introspecting only the store's own schema (see `CurrentSchemaIntrospector`). */
class StorePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db)
  }
}

function setSearchPath(schema: string): CompiledQuery {
  return CompiledQuery.raw(`set search_path to "${schema}"`)
}

/** `if not exists` still races on PostgreSQL (two sessions both insert into pg_namespace): retry-by-checking. */
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute()
  } catch (error) {
    const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db)
    if (found.rows.length === 0) throw error
  }
}
