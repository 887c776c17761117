import { describe } from 'vitest'
import { useConformanceBackends } from './conformance/backends.js'
import { useStore } from './conformance/context.js'
import { describeExecution } from './conformance/execution.js'
import { describeMigrations } from './conformance/migrations.js'
import { describeSchemaOn } from './conformance/schemaConformance.js'
import { describeSignatures } from './conformance/signatures.js'
import { describeTransactions } from './conformance/transactions.js'
import type { Store, StoreSchema } from './types.js'

/**
 * Registers the behaviour every store backend must share (migrations, Safe transactions, signatures,
 * execution, transactions, bigint amounts) as vitest tests. `open` must return a store over the same
 * database on every call (so not `:memory:`); tests use random hashes and addresses, so the database may be
 * shared with other runs. Import it from `@openledger/store/conformance` (it imports vitest).
 *
 * @example
 * describeStoreConformance('sqlite', () => openStore({ directory: temporaryDirectory }))
 * describeStoreConformance('postgres', () => openStore({ databaseUrl, schema }))
 */
export function describeStoreConformance(label: string, open: () => Promise<Store>): void {
  describe(`store conformance: ${label}`, () => {
    const context = useStore(open)
    describe('migrations', () => describeMigrations(context))
    describe('safe transactions', () => describeTransactions(context))
    describe('safe signatures', () => describeSignatures(context))
    describe('execution and transactions', () => describeExecution(context))
  })
}

export type DescribeSchemaConformanceOptions = {
  /** The PostgreSQL server to test on; each test works in a schema of its own, dropped afterwards. */
  postgresUrl: string
}

/**
 * Registers, as vitest tests on SQLite (files in a temporary directory) and PostgreSQL, the checks one
 * package's `StoreSchema` must pass: its migrations create its tables on a fresh database with no other
 * package's schema and record themselves in `kysely_migration_<name>`; stores opening at once run each once;
 * its down migrations drop exactly its tables; and a database migrated before each package owned its
 * migrations (all recorded in `kysely_migration`) has its records adopted, not re-run. The package that owns
 * the schema runs it (the store cannot import the packages above it). Import it from
 * `@openledger/store/conformance` (it imports vitest).
 *
 * @example
 * // packages/datanets/src/store/datanetsSchema.int.test.ts
 * describeSchemaConformance(datanetsSchema, {
 *   postgresUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
 * })
 */
export function describeSchemaConformance(
  schema: StoreSchema,
  options: DescribeSchemaConformanceOptions,
): void {
  describe(`store schema "${schema.name}"`, () => {
    for (const backend of useConformanceBackends(options.postgresUrl))
      describe(backend.dialect, () => describeSchemaOn(schema, backend))
  })
}
