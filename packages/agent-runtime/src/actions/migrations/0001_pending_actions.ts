import type { Migration } from '@openledger/store'

/**
 * Pending value-moving actions: each action's random id, the agent that proposed it, the payer it is bound to,
 * its kind and parameters (JSON), a one-line summary, its status (`pending` → `executing` → `done`/`failed`, or
 * `cancelled`), when it was created, expires and last changed (ISO timestamps), and once run its transaction
 * hash, outcome (JSON) and the receipt of the answer that ran it.
 */
export const pendingActions: Migration = {
  async up(db) {
    await db.schema
      .createTable('pending_actions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('agent_id', 'text', (col) => col.notNull())
      .addColumn('payer', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('params', 'text', (col) => col.notNull())
      .addColumn('summary', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('tx_hash', 'text')
      .addColumn('outcome', 'text')
      .addColumn('receipt_id', 'text')
      .execute()
    await db.schema
      .createIndex('pending_actions_by_payer')
      .on('pending_actions')
      .columns(['payer', 'created_at'])
      .execute()
  },
  async down(db) {
    await db.schema.dropTable('pending_actions').execute()
  },
}
