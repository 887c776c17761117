import { type Migration, sql } from '@openledger/store'

const ledgerKey = ['chain_id', 'fee_router'] as const

/**
 * The settlement ledger of one FeeRouter (keyed by chain and router address): every metered receipt (its id,
 * payer, on-chain agent id and fee, the receipt itself as JSON, and the epoch it was settled in), every epoch
 * (its roots, the exact `settleEpoch` call written ahead of sending it, its payouts tree, its transaction) and
 * the prepaid balances last read from the chain. Amounts are decimal strings; hashes lowercase hex.
 */
export const settlement: Migration = {
  async up(db) {
    await db.schema
      .createTable('settlement_receipts')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('fee_router', 'text', (col) => col.notNull())
      .addColumn('receipt_id', 'text', (col) => col.notNull())
      .addColumn('agent_id', 'text', (col) => col.notNull())
      .addColumn('payer', 'text', (col) => col.notNull())
      .addColumn('fee', 'text', (col) => col.notNull())
      .addColumn('receipt', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('metered', 'unfunded')`))
      .addColumn('epoch', 'integer')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('settlement_receipts_pk', [...ledgerKey, 'receipt_id'])
      .execute()
    await db.schema
      .createIndex('settlement_receipts_by_epoch')
      .on('settlement_receipts')
      .columns([...ledgerKey, 'status', 'epoch'])
      .execute()
    await db.schema
      .createIndex('settlement_receipts_by_payer')
      .on('settlement_receipts')
      .columns([...ledgerKey, 'payer'])
      .execute()
    await db.schema
      .createTable('settlement_epochs')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('fee_router', 'text', (col) => col.notNull())
      .addColumn('epoch', 'integer', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('built', 'sent', 'settled')`))
      .addColumn('receipts_root', 'text', (col) => col.notNull())
      .addColumn('payouts_root', 'text', (col) => col.notNull())
      .addColumn('receipt_count', 'integer', (col) => col.notNull())
      .addColumn('total_fees', 'text', (col) => col.notNull())
      .addColumn('contributors_paid', 'text', (col) => col.notNull())
      .addColumn('splits', 'text', (col) => col.notNull())
      .addColumn('call', 'text', (col) => col.notNull())
      .addColumn('payouts_tree', 'text')
      .addColumn('tx_hash', 'text')
      .addColumn('block_number', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('settled_at', 'text')
      .addPrimaryKeyConstraint('settlement_epochs_pk', [...ledgerKey, 'epoch'])
      .execute()
    await db.schema
      .createTable('settlement_balances')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('fee_router', 'text', (col) => col.notNull())
      .addColumn('account', 'text', (col) => col.notNull())
      .addColumn('balance', 'text', (col) => col.notNull())
      .addColumn('pending_withdrawal', 'text', (col) => col.notNull())
      .addColumn('unlocks_at', 'text', (col) => col.notNull())
      .addColumn('block_number', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('settlement_balances_pk', [...ledgerKey, 'account'])
      .execute()
  },
  async down(db) {
    await db.schema.dropTable('settlement_balances').execute()
    await db.schema.dropTable('settlement_epochs').execute()
    await db.schema.dropTable('settlement_receipts').execute()
  },
}
