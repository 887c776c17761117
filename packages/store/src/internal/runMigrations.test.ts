import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrations } from '../migrations/migrations.js'
import { runMigrations } from './runMigrations.js'

describe('runMigrations', () => {
  it('names the failing migration in a MigrationError and keeps the ones before it', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
    })
    try {
      const broken = {
        ...migrations,
        '9999_broken': {
          up: async (inner: Kysely<unknown>) => {
            await inner.schema.createTable('safe_transactions').addColumn('x', 'text').execute()
          },
        },
      }
      const error = await runMigrations(db, { migrations: broken }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'MigrationError', migrationName: '9999_broken' })
      expect((error as Error).message).toMatch(/already exists/)
      await runMigrations(db)
    } finally {
      await db.destroy()
    }
  })
})
