import { BaseError } from '@openledger/errors'

/**
 * Thrown when a package reaches for its tables (`schemaDb`) in a store opened without its schema: the tables
 * may not exist there. Register the schema where the store is opened.
 *
 * @example
 * const store = await openStore({ databaseUrl: ':memory:' })
 * try {
 *   await findDatanet(store, datanet)
 * } catch (error) {
 *   if (error instanceof StoreSchemaNotRegisteredError) console.error(error.schema) // 'datanets'
 * }
 */
export class StoreSchemaNotRegisteredError extends BaseError {
  override name = 'StoreSchemaNotRegisteredError'
  /** The name of the schema the store was opened without. */
  readonly schema: string

  constructor(schema: string, registered: ReadonlySet<string>) {
    super(`The store was opened without the "${schema}" schema.`, {
      metaMessages: [
        `Opened with: ${[...registered].join(', ')}.`,
        `Pass the package's schema where the store is opened: openStore({ schemas: [${schema}Schema, …] }).`,
      ],
    })
    this.schema = schema
  }
}
