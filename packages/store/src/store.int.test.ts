import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { proposal } from './conformance/fixtures.js'
import { describeStoreConformance } from './conformance.js'
import { getSafeTransaction } from './getSafeTransaction.js'
import { insertSafeTransaction } from './insertSafeTransaction.js'
import { openStore } from './openStore.js'

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const directory = mkdtempSync(join(tmpdir(), 'openledger-store-'))
const schemas: string[] = []

/** A schema of its own per run, so parallel and repeated runs never meet. */
function freshSchema(): string {
  const schema = `store_test_${randomBytes(6).toString('hex')}`
  schemas.push(schema)
  return schema
}

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true })
  // A store is the simplest client that knows this machine's PostgreSQL user; its own schema goes too.
  const admin = await openStore({ databaseUrl, schema: conformanceSchema })
  try {
    for (const schema of schemas) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db)
  } finally {
    await admin.close()
  }
})

describeStoreConformance('sqlite', () => openStore({ directory }))

const conformanceSchema = freshSchema()
describeStoreConformance('postgres', () => openStore({ databaseUrl, schema: conformanceSchema }))

describe('openStore on PostgreSQL', () => {
  it('is safe to open many times at once on a fresh schema', async () => {
    const schema = freshSchema()
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ databaseUrl, schema })))
    try {
      const first = stores[0]!
      const stored = await insertSafeTransaction(first, proposal())
      for (const store of stores) {
        expect(store.dialect).toBe('postgres')
        expect(await getSafeTransaction(store, stored.safeTxHash)).toEqual(stored)
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })

  it('keeps schemas apart: a row in one is not seen from another', async () => {
    const [a, b] = await Promise.all([
      openStore({ databaseUrl, schema: freshSchema() }),
      openStore({ databaseUrl, schema: freshSchema() }),
    ])
    try {
      const stored = await insertSafeTransaction(a, proposal())
      expect(await getSafeTransaction(b, stored.safeTxHash)).toBeUndefined()
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
