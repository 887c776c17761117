import { describe } from 'vitest'
import { useStore } from './conformance/context.js'
import { describeExecution } from './conformance/execution.js'
import { describeMigrations } from './conformance/migrations.js'
import { describeSignatures } from './conformance/signatures.js'
import { describeTransactions } from './conformance/transactions.js'
import type { Store } from './types.js'

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
