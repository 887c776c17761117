import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { getSafeTransaction } from '../getSafeTransaction.js'
import { insertSafeTransaction } from '../insertSafeTransaction.js'
import { migrationTableOf } from '../internal/migrationTable.js'
import { storeSchema } from '../migrations/storeSchema.js'
import type { ConformanceContext } from './context.js'
import { proposal, randomAddress, randomHash, randomSignature } from './fixtures.js'

export function describeMigrations(context: ConformanceContext): void {
  it('runs each migration once: opening again migrates nothing and sees the same data', async () => {
    const stored = await insertSafeTransaction(context.store, proposal())
    const again = await context.open()
    expect(again.dialect).toBe(context.store.dialect)
    const table = sql.table(migrationTableOf(storeSchema.name))
    const applied = await sql<{ name: string }>`select name from ${table} order by name`.execute(again.db)
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(storeSchema.migrations).sort())
    expect(await getSafeTransaction(again, stored.safeTxHash)).toEqual(stored)
  })

  it('enforces the signature → transaction foreign key in the database itself', async () => {
    const orphan = context.store.db
      .insertInto('safe_signatures')
      .values({
        safe_tx_hash: randomHash(),
        signer: randomAddress(),
        signature: randomSignature(),
        created_at: new Date().toISOString(),
      })
      .execute()
    await expect(orphan).rejects.toThrow(/foreign key/i)
  })
}
