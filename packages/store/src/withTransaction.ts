import type { StoreSession } from './types.js'

/**
 * Runs `fn` in one database transaction: everything it wrote commits when it resolves and rolls back when it
 * throws (the error is rethrown). Inside, use the `tx` it is given, never the outer store: SQLite has one
 * connection, so a query on the outer store would wait for the transaction forever. Nested calls join the
 * outer transaction.
 *
 * @example
 * await withTransaction(store, async (tx) => {
 *   await insertSafeTransaction(tx, proposal)
 *   await addSafeSignature(tx, { safeTxHash: proposal.safeTxHash, signer, signature })
 * })
 */
export async function withTransaction<T>(
  store: StoreSession,
  fn: (tx: StoreSession) => Promise<T>,
): Promise<T> {
  if (store.db.isTransaction) return fn(store)
  return store.db
    .transaction()
    .execute((trx) => fn({ db: trx, dialect: store.dialect, schemas: store.schemas }))
}
