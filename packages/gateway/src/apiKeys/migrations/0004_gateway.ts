import type { Migration } from '@openledger/store'

/**
 * The gateway's API keys: each key's id, the sha256 of its secret (never the secret), the prepaid account it
 * charges, a label, and when it was created and revoked (ISO timestamps).
 */
export const gateway: Migration = {
  async up(db) {
    await db.schema
      .createTable('gateway_api_keys')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('secret_hash', 'text', (col) => col.notNull().unique())
      .addColumn('account', 'text', (col) => col.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema
      .createIndex('gateway_api_keys_by_account')
      .on('gateway_api_keys')
      .column('account')
      .execute()
  },
  async down(db) {
    await db.schema.dropTable('gateway_api_keys').execute()
  },
}
