import { InvalidStoreInputError } from '../errors/input.js'
import { storeSchema } from '../migrations/storeSchema.js'
import type { StoreSchema } from '../types.js'

/** A name that fits `kysely_migration_<name>` within PostgreSQL's 63-character identifiers. */
const schemaName = /^[a-z][a-z0-9_]{0,39}$/

/**
 * The schemas `openStore` migrates: the store's own first, then the ones given, each once (the same schema
 * given twice counts once; two different schemas under one name are refused).
 */
export function storeSchemas(given: readonly StoreSchema[] = []): StoreSchema[] {
  const byName = new Map<string, StoreSchema>([[storeSchema.name, storeSchema]])
  for (const schema of given) {
    if (typeof schema?.name !== 'string' || !schemaName.test(schema.name))
      throw new InvalidStoreInputError(
        'schemas',
        schema?.name,
        'a schema name: a lowercase letter, then lowercase letters, digits or _, at most 40 characters',
      )
    const known = byName.get(schema.name)
    if (known === undefined) byName.set(schema.name, schema)
    else if (known !== schema)
      throw new InvalidStoreInputError(
        'schemas',
        schema.name,
        `one schema per name ("${storeSchema.name}" is the store's own)`,
      )
  }
  return [...byName.values()]
}
