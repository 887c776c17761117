import type { Kysely, Migration } from 'kysely'

/** A 0x-prefixed hex string (same shape as viem's `Hex`). */
export type Hex = `0x${string}`

/** A 0x-prefixed 20-byte address, checksummed by the caller (same shape as viem's `Address`). */
export type Address = `0x${string}`

/** Which backend a store runs on. */
export type StoreDialect = 'sqlite' | 'postgres'

/** Lifecycle of a Safe transaction in the store. */
export type SafeTransactionStatus = 'proposed' | 'executed'

/** `safe_transactions` as SQL sees it: snake_case, bigint amounts as decimal strings. */
export type SafeTransactionsTable = {
  safe_tx_hash: string
  chain_id: number
  safe_address: string
  to: string
  value: string
  data: string
  operation: number
  nonce: string
  safe_tx_gas: string
  base_gas: string
  gas_price: string
  gas_token: string
  refund_receiver: string
  description: string | null
  proposer: string
  status: SafeTransactionStatus
  executed_tx_hash: string | null
  created_at: string
  executed_at: string | null
}

/** `safe_signatures` as SQL sees it. */
export type SafeSignaturesTable = {
  safe_tx_hash: string
  signer: string
  signature: string
  created_at: string
}

/**
 * The store's own tables (Safe proposals and signatures), for `Kysely<Database>`. Other packages' tables are
 * theirs: each declares its row types and reaches them through `schemaDb(store, itsSchema)`.
 */
export type Database = {
  safe_transactions: SafeTransactionsTable
  safe_signatures: SafeSignaturesTable
}

/**
 * What repository functions need: a query builder and the dialect. A `Store` is one, and so is the `tx`
 * that `withTransaction` hands to its callback.
 *
 * @example
 * const count = async (store: StoreSession) =>
 *   (await store.db.selectFrom('safe_transactions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n
 */
export type StoreSession = {
  readonly db: Kysely<Database>
  readonly dialect: StoreDialect
  /** The names of the schemas the store was opened with (`'store'`, its own, always among them). */
  readonly schemas: ReadonlySet<string>
}

/**
 * One package's tables, as the migrations that create them: the package exports it, and whoever opens the
 * store passes it to `openStore({ schemas })`, which runs its migrations (recording them in its own table,
 * `kysely_migration_<name>`, so no package's migrations depend on another's being registered). Name it after
 * the package (lowercase letters, digits and `_`); name migrations `000N_<what>` and never rename or edit one
 * that has shipped.
 *
 * @example
 * export const datanetsSchema: StoreSchema = {
 *   name: 'datanets',
 *   migrations: { '0002_datanets': datanets },
 * }
 */
export type StoreSchema = {
  readonly name: string
  readonly migrations: Readonly<Record<string, Migration>>
}

/**
 * An open store: a Kysely instance over SQLite or PostgreSQL with the migrations of its schemas applied.
 *
 * @example
 * const store: Store = await openStore({ directory: '.openledger' })
 * await store.close()
 */
export type Store = StoreSession & {
  /** Closes the database (ends the pool on PostgreSQL). Safe to call twice. */
  close(): Promise<void>
}

/** A Safe multisig transaction as proposed off-chain (the fields hashed into `safeTxHash`, plus bookkeeping). */
export type SafeTransaction = {
  safeTxHash: Hex
  chainId: number
  safeAddress: Address
  to: Address
  value: bigint
  data: Hex
  /** 0 = call, 1 = delegatecall. */
  operation: 0 | 1
  nonce: bigint
  safeTxGas: bigint
  baseGas: bigint
  gasPrice: bigint
  gasToken: Address
  refundReceiver: Address
  description: string | null
  proposer: Address
  status: SafeTransactionStatus
  executedTxHash: Hex | null
  createdAt: Date
  executedAt: Date | null
}

/** What `insertSafeTransaction` takes: a proposal; status and execution fields are the store's. */
export type NewSafeTransaction = Omit<
  SafeTransaction,
  'status' | 'executedTxHash' | 'executedAt' | 'createdAt' | 'description'
> & {
  description?: string | null | undefined
  /** Defaults to now. */
  createdAt?: Date | undefined
}

/** One owner's signature over a Safe transaction hash. */
export type SafeSignature = {
  safeTxHash: Hex
  signer: Address
  signature: Hex
  createdAt: Date
}
