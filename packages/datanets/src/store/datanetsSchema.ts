import type { StoreSchema } from '@openledger/store'
import { datanets } from './migrations/0002_datanets.js'

/**
 * The datanets' tables (`datanets`, `datanet_rows`, `datanet_batches`) as a store schema: pass it to
 * `openStore({ schemas })` wherever datanets are read or written. Kysely records its migrations in
 * `kysely_migration_datanets`; the first keeps the name it had when the store ran every package's migrations,
 * so databases from then adopt it. Add new ones with the next number; never rename or edit a shipped one.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, schemas: [datanetsSchema] })
 * const datanet = await syncDatanet(connection, store, { registry, datanetId: 1n })
 */
export const datanetsSchema: StoreSchema = {
  name: 'datanets',
  migrations: {
    '0002_datanets': datanets,
  },
}
