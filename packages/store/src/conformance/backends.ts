import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll } from 'vitest'
import { InvalidStoreInputError } from '../errors/input.js'
import { openPostgres } from '../internal/openPostgres.js'
import { openSqlite } from '../internal/openSqlite.js'
import { parseDatabaseUrl } from '../internal/parseDatabaseUrl.js'
import { openStore } from '../openStore.js'
import type { Store, StoreDialect, StoreSchema } from '../types.js'

/** A database no test has touched yet. */
export type FreshDatabase = {
  /** Opens a store over it with these schemas (and the store's own). */
  open(schemas: readonly StoreSchema[]): Promise<Store>
  /** A plain Kysely over it that migrates nothing, to lay out tables by hand; the caller destroys it. */
  raw(): Promise<Kysely<unknown>>
}

export type ConformanceBackend = {
  dialect: StoreDialect
  /** A new database: a SQLite file in a temporary directory, or a PostgreSQL schema of its own. */
  fresh(): FreshDatabase
}

/**
 * SQLite and PostgreSQL (at `postgresUrl`) as sources of fresh databases; registers an `afterAll` that
 * removes the files and drops the schemas. Call it inside a `describe`, or at the top of a test file.
 */
export function useConformanceBackends(postgresUrl: string): ConformanceBackend[] {
  const directory = mkdtempSync(join(tmpdir(), 'openledger-store-conformance-'))
  const namespaces: string[] = []
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true })
    if (namespaces.length === 0) return
    const admin = await rawPostgres(postgresUrl)
    try {
      for (const name of namespaces) await sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin)
    } finally {
      await admin.destroy()
    }
  })
  const sqlite: ConformanceBackend = {
    dialect: 'sqlite',
    fresh() {
      const path = join(directory, `${randomBytes(6).toString('hex')}.sqlite`)
      return {
        open: (schemas) => openStore({ databaseUrl: `sqlite:${path}`, schemas }),
        raw: async () => openSqlite(path) as Kysely<unknown>,
      }
    },
  }
  const postgres: ConformanceBackend = {
    dialect: 'postgres',
    fresh() {
      const schema = `store_conformance_${randomBytes(6).toString('hex')}`
      namespaces.push(schema)
      return {
        open: (schemas) => openStore({ databaseUrl: postgresUrl, schema, schemas }),
        raw: () => rawPostgres(postgresUrl, schema),
      }
    },
  }
  return [sqlite, postgres]
}

async function rawPostgres(url: string, schema?: string): Promise<Kysely<unknown>> {
  const target = parseDatabaseUrl(url)
  if (target.dialect !== 'postgres') throw new InvalidStoreInputError('postgresUrl', url, 'a postgres:// URL')
  const { db } = await openPostgres({ url, hostPort: target.hostPort, schema, connectTimeoutMs: 5_000 })
  return db as Kysely<unknown>
}
