import type { Migration } from '@openledger/store'

/**
 * The wallets agents act on for an account: the Safe a user owns, with the SpendingLimitModule enabled on it,
 * per chain. Written by provisioning (`@openledger/provision`), read by wallet tools through `safeOf(account)`.
 * Addresses are checksummed.
 */
export const agentWallets: Migration = {
  async up(db) {
    await db.schema
      .createTable('agent_wallets')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('account', 'text', (col) => col.notNull())
      .addColumn('safe_address', 'text', (col) => col.notNull())
      .addColumn('module', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('agent_wallets_pk', ['chain_id', 'account'])
      .execute()
  },
  async down(db) {
    await db.schema.dropTable('agent_wallets').execute()
  },
}
