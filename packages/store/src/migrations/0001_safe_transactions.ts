import { type Kysely, type Migration, sql } from 'kysely'

/** Safe multisig proposals and their owners' signatures. */
export const safeTransactions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('safe_transactions')
      .addColumn('safe_tx_hash', 'text', (col) => col.primaryKey())
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('safe_address', 'text', (col) => col.notNull())
      .addColumn('to', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('operation', 'integer', (col) => col.notNull().check(sql`operation in (0, 1)`))
      .addColumn('nonce', 'text', (col) => col.notNull())
      .addColumn('safe_tx_gas', 'text', (col) => col.notNull())
      .addColumn('base_gas', 'text', (col) => col.notNull())
      .addColumn('gas_price', 'text', (col) => col.notNull())
      .addColumn('gas_token', 'text', (col) => col.notNull())
      .addColumn('refund_receiver', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('proposer', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('proposed', 'executed')`))
      .addColumn('executed_tx_hash', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('executed_at', 'text')
      .execute()
    await db.schema
      .createIndex('safe_transactions_by_safe')
      .on('safe_transactions')
      .columns(['safe_address', 'chain_id', 'status'])
      .execute()
    await db.schema
      .createTable('safe_signatures')
      .addColumn('safe_tx_hash', 'text', (col) =>
        col.notNull().references('safe_transactions.safe_tx_hash').onDelete('cascade'),
      )
      .addColumn('signer', 'text', (col) => col.notNull())
      .addColumn('signature', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('safe_signatures_pk', ['safe_tx_hash', 'signer'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('safe_signatures').execute()
    await db.schema.dropTable('safe_transactions').execute()
  },
}
