import SqliteDatabase from 'better-sqlite3'
import { Kysely, type Migration, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { layOutLegacyDatabase } from '../conformance/legacy.js'
import { storeSchema } from '../migrations/storeSchema.js'
import type { StoreSchema } from '../types.js'
import { runMigrations } from './runMigrations.js'
import { sqliteDialect } from './sqliteDialect.js'

/** A migration that creates `table`, counting its runs in `runs`. */
function creates(table: string, runs: string[]): Migration {
  return {
    up: async (db) => {
      runs.push(table)
      await db.schema.createTable(table).addColumn('id', 'text').execute()
    },
  }
}

async function recorded(db: Kysely<unknown>, schema: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp
    from ${sql.table(`kysely_migration_${schema}`)}`.execute(db)
  return Object.fromEntries(rows.map((row) => [row.name, row.timestamp]))
}

describe('runMigrations on a database migrated before each package owned its migrations', () => {
  let db: Kysely<unknown>
  let runs: string[]
  let schemas: Record<'datanets' | 'settlement' | 'gateway' | 'provision', StoreSchema>
  let legacy: Map<string, string>

  beforeEach(async () => {
    db = new Kysely<unknown>({ dialect: sqliteDialect(new SqliteDatabase(':memory:')) })
    runs = []
    // The names `npm start` recorded in the one `kysely_migration` table before the split.
    schemas = {
      datanets: { name: 'datanets', migrations: { '0002_datanets': creates('datanets', runs) } },
      settlement: {
        name: 'settlement',
        migrations: { '0003_settlement': creates('settlement_receipts', runs) },
      },
      gateway: { name: 'gateway', migrations: { '0004_gateway': creates('gateway_api_keys', runs) } },
      provision: { name: 'provision', migrations: { '0005_agent_wallets': creates('agent_wallets', runs) } },
    }
    const all = Object.values(schemas).map((schema) => schema.migrations)
    legacy = await layOutLegacyDatabase(db, Object.assign({}, storeSchema.migrations, ...all))
    runs.length = 0
  })
  afterEach(() => db.destroy())

  it('adopts each schema it is given, with the old times, and runs nothing again', async () => {
    await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema, schemas.datanets, schemas.gateway] })
    expect(runs).toEqual([])
    expect(await recorded(db, 'store')).toEqual({
      '0001_safe_transactions': legacy.get('0001_safe_transactions'),
    })
    expect(await recorded(db, 'datanets')).toEqual({ '0002_datanets': legacy.get('0002_datanets') })
    expect(await recorded(db, 'gateway')).toEqual({ '0004_gateway': legacy.get('0004_gateway') })
    // A schema registered later is adopted then.
    await runMigrations(db, {
      dialect: 'sqlite',
      schemas: [storeSchema, schemas.provision, schemas.settlement],
    })
    expect(runs).toEqual([])
    expect(await recorded(db, 'provision')).toEqual({
      '0005_agent_wallets': legacy.get('0005_agent_wallets'),
    })
  })

  it("runs a schema's migrations that came after the split, and a new schema's", async () => {
    const grown = {
      ...schemas.datanets,
      migrations: { ...schemas.datanets.migrations, '0003_datanet_tags': creates('datanet_tags', runs) },
    }
    const added = { name: 'staking', migrations: { '0001_stakes': creates('stakes', runs) } }
    await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema, grown, added] })
    expect(runs).toEqual(['datanet_tags', 'stakes'])
    expect(Object.keys(await recorded(db, 'datanets'))).toEqual(['0002_datanets', '0003_datanet_tags'])
    await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema, grown, added] })
    expect(runs).toEqual(['datanet_tags', 'stakes'])
  })

  it("adopts into a schema's own table that exists but records nothing", async () => {
    await db.schema
      .createTable('kysely_migration_datanets')
      .addColumn('name', 'varchar(255)', (col) => col.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (col) => col.notNull())
      .execute()
    await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema, schemas.datanets] })
    expect(runs).toEqual([])
    expect(await recorded(db, 'datanets')).toEqual({ '0002_datanets': legacy.get('0002_datanets') })
  })

  it('leaves the old table as it was', async () => {
    await runMigrations(db, { dialect: 'sqlite', schemas: [storeSchema, ...Object.values(schemas)] })
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    expect(rows.map((row) => row.name)).toEqual([...legacy.keys()])
  })
})
