import { StoreSchemaNotRegisteredError } from './errors/schema.js'
import type { StoreSchema, StoreSession } from './types.js'

export type SchemaDbErrorType = StoreSchemaNotRegisteredError

/**
 * The store's query builder with one package's tables known to it: how a package reaches its own tables
 * (and only its own; others go through the owning package's functions). Throws
 * `StoreSchemaNotRegisteredError` when the store was opened without that schema, whose tables may then not
 * exist.
 *
 * @example
 * type DatanetTables = { datanets: { chain_id: number; datanet_id: string } }
 * const datanetDb = (store: StoreSession) => schemaDb<DatanetTables>(store, datanetsSchema)
 * const rows = await datanetDb(store).selectFrom('datanets').selectAll().execute()
 */
export function schemaDb<Tables extends Record<string, Record<string, unknown>>>(
  store: StoreSession,
  schema: StoreSchema,
) {
  if (!store.schemas.has(schema.name)) throw new StoreSchemaNotRegisteredError(schema.name, store.schemas)
  return store.db.withTables<Tables>()
}
