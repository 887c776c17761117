import { BaseError } from '@openledger/errors'

const acceptedForms = [
  'Accepted forms:',
  '  postgres://user:password@host:5432/database (or postgresql://)',
  '  sqlite:<path> (e.g. sqlite:.openledger/openledger.sqlite)',
  '  :memory: (a throwaway SQLite database)',
  '  nothing, for <directory>/openledger.sqlite',
]

/**
 * Thrown by `openStore` when `databaseUrl` is none of the accepted forms. The URL in the message has its
 * password masked.
 *
 * @example
 * try {
 *   await openStore({ databaseUrl: 'mysql://root:secret@db/app' })
 * } catch (error) {
 *   if (error instanceof InvalidDatabaseUrlError) console.error(error.shortMessage) // no 'secret' in it
 * }
 */
export class InvalidDatabaseUrlError extends BaseError {
  override name = 'InvalidDatabaseUrlError'
  /** The offending URL, password masked. */
  readonly url: string

  constructor(maskedUrl: string) {
    super(`Unsupported database URL "${maskedUrl}".`, { metaMessages: acceptedForms })
    this.url = maskedUrl
  }
}

/**
 * Thrown by `openStore` when the database cannot be reached or opened; `shortMessage` is one line naming
 * `host:port` (PostgreSQL) or the file (SQLite), the driver's error is in `details` and `cause`.
 *
 * @example
 * try {
 *   await openStore({ databaseUrl: 'postgres://127.0.0.1:1/app' })
 * } catch (error) {
 *   if (error instanceof StoreConnectionError) console.error(error.shortMessage)
 * }
 */
export class StoreConnectionError extends BaseError {
  override name = 'StoreConnectionError'
  /** `host:port` for PostgreSQL, the file path for SQLite. */
  readonly target: string

  constructor(parameters: { dialect: 'sqlite' | 'postgres'; target: string; cause: unknown; hint?: string }) {
    const { dialect, target, cause, hint } = parameters
    const shortMessage =
      dialect === 'postgres'
        ? `Cannot connect to PostgreSQL at ${target}.`
        : `Cannot open the SQLite database at ${target}.`
    super(shortMessage, { details: describeCause(cause), metaMessages: hint ? [hint] : undefined, cause })
    this.target = target
  }
}

/**
 * Thrown by `openStore` when a migration fails; `migrationName` and `schema` name it (`migrationName` is
 * undefined when the failure came before any migration ran, e.g. creating Kysely's bookkeeping tables). The
 * database error is the `cause`.
 *
 * @example
 * try {
 *   await openStore({ schemas: [datanetsSchema] })
 * } catch (error) {
 *   if (error instanceof MigrationError) console.error(`migration ${error.migrationName} of ${error.schema} failed`)
 * }
 */
export class MigrationError extends BaseError {
  override name = 'MigrationError'
  readonly migrationName: string | undefined
  /** The name of the schema whose migration failed, when one did. */
  readonly schema: string | undefined

  constructor(migrationName: string | undefined, cause: unknown, schema?: string) {
    const of = schema ? ` (schema "${schema}")` : ''
    super(
      migrationName
        ? `Migration "${migrationName}"${of} failed.`
        : `Could not prepare the store migrations${of}.`,
      { details: describeCause(cause), cause },
    )
    this.migrationName = migrationName
    this.schema = schema
  }
}

/** Node's connection errors can be an `AggregateError` with an empty message; fall back to its code. */
function describeCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause)
  const code = (cause as { code?: unknown }).code
  const message = cause.message.split('\n')[0]
  if (message) return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
  return typeof code === 'string' ? code : cause.name
}
