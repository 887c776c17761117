/**
 * What a package's migrations are written with: Kysely's `Migration` and `sql`, from the store's own Kysely
 * (so packages above it need no Kysely of their own).
 */
export { type Migration, sql } from 'kysely'
export {
  type AddSafeSignatureErrorType,
  type AddSafeSignatureParameters,
  type AddSafeSignatureReturnType,
  addSafeSignature,
} from './addSafeSignature.js'
export {
  type DeleteSafeTransactionsErrorType,
  type DeleteSafeTransactionsParameters,
  deleteSafeTransactions,
} from './deleteSafeTransactions.js'
export { InvalidDatabaseUrlError, MigrationError, StoreConnectionError } from './errors/database.js'
export { InvalidStoreInputError } from './errors/input.js'
export {
  SafeSignatureConflictError,
  SafeTransactionAlreadyExecutedError,
  SafeTransactionConflictError,
  SafeTransactionNotFoundError,
} from './errors/safeTransaction.js'
export { StoreSchemaNotRegisteredError } from './errors/schema.js'
export {
  type GetSafeTransactionErrorType,
  type GetSafeTransactionReturnType,
  getSafeTransaction,
} from './getSafeTransaction.js'
export {
  type InsertSafeTransactionErrorType,
  type InsertSafeTransactionReturnType,
  insertSafeTransaction,
} from './insertSafeTransaction.js'
export {
  type ListSafeSignaturesErrorType,
  type ListSafeSignaturesReturnType,
  listSafeSignatures,
} from './listSafeSignatures.js'
export {
  type ListSafeTransactionsErrorType,
  type ListSafeTransactionsParameters,
  type ListSafeTransactionsReturnType,
  listSafeTransactions,
} from './listSafeTransactions.js'
export {
  type MarkSafeTransactionExecutedErrorType,
  type MarkSafeTransactionExecutedParameters,
  type MarkSafeTransactionExecutedReturnType,
  markSafeTransactionExecuted,
} from './markSafeTransactionExecuted.js'
export {
  type OpenStoreErrorType,
  type OpenStoreParameters,
  type OpenStoreReturnType,
  openStore,
} from './openStore.js'
export { postgresUrlWithDefaultUser } from './postgresUrlWithDefaultUser.js'
export { type QueueConnection, queueConnectionOptions } from './queueConnectionOptions.js'
export { type RedisConnectionOptions, redisConnectionOptions } from './redisConnectionOptions.js'
export { type SchemaDbErrorType, schemaDb } from './schemaDb.js'
export type {
  Address,
  Database,
  Hex,
  NewSafeTransaction,
  SafeSignature,
  SafeSignaturesTable,
  SafeTransaction,
  SafeTransactionStatus,
  SafeTransactionsTable,
  Store,
  StoreDialect,
  StoreSchema,
  StoreSession,
} from './types.js'
export { withTransaction } from './withTransaction.js'
