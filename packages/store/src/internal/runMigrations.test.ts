import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { storeSchema } from '../migrations/storeSchema.js'
import { runMigrations } from './runMigrations.js'

describe('runMigrations', () => {
  it('names the failing migration in a MigrationError and keeps the ones before it', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
    })
    try {
      const broken = {
        ...storeSchema.migrations,
        '9999_broken': {
          up: async (inner: Kysely<unknown>) => {
            await inner.schema.createTable('safe_transactions').addColumn('x', 'text').execute()
          },
        },
      }
      const schemas = [{ name: storeSchema.name, migrations: broken }]
      const error = await runMigrations(db, { dialect: 'sqlite', schemas }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'MigrationError', migrationName: '9999_broken', schema: 'store' })
      expect((error as Error).message).toMatch(/already exists/)
      await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema] })
    } finally {
      await db.destroy()
    }
  })
})
