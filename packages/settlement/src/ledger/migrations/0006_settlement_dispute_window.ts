import { type Migration, sql } from '@openledger/store'

type Db = Parameters<Migration['up']>[0]

const ledgerKey = ['chain_id', 'fee_router'] as const

/** The columns both shapes of `settlement_epochs` share, in order. */
const shared = [
  'chain_id',
  'fee_router',
  'epoch',
  'receipts_root',
  'payouts_root',
  'receipt_count',
  'total_fees',
  'contributors_paid',
  'splits',
  'call',
  'payouts_tree',
  'tx_hash',
  'block_number',
  'created_at',
  'sent_at',
] as const

/**
 * Settlement with a dispute window (FeeRouter v2, issue 13). An epoch is now `built` → `sent` → `posted` (in
 * escrow, its dispute window open until `finalizes_at`) → `final` (paid) or `vetoed` (its charges refunded and
 * its receipts waiting again), so `settlement_epochs` is laid out again with those statuses (SQLite cannot
 * change a CHECK in place); a `settled` epoch of the old FeeRouter becomes `final`, with `posted_at` and
 * `final_at` its settling time. New columns: when the window closes, the finalising and refunding transactions.
 * `settlement_epoch_receipts` lists each epoch's receipts for good (a vetoed epoch's receipts leave it to wait
 * again, but its published list stays), and `settlement_balances.chargeable` is what FeeRouter may charge the
 * account now (its cap left in the period, within its balance; null when never read).
 */
export const settlementDisputeWindow: Migration = {
  async up(db) {
    await createEpochs(db, 'settlement_epochs_v2', ['built', 'sent', 'posted', 'final', 'vetoed'], (col) =>
      col
        .addColumn('posted_at', 'text')
        .addColumn('finalizes_at', 'text')
        .addColumn('final_tx_hash', 'text')
        .addColumn('final_at', 'text')
        .addColumn('refund_tx_hash', 'text')
        .addColumn('vetoed_at', 'text'),
    )
    const columns = sql.join(shared.map((c) => sql.ref(c)))
    await sql`insert into settlement_epochs_v2 (${columns}, status, posted_at, final_at)
      select ${columns}, case when status = 'settled' then 'final' else status end,
        settled_at, settled_at from settlement_epochs`.execute(db)
    await db.schema.dropTable('settlement_epochs').execute()
    await db.schema.alterTable('settlement_epochs_v2').renameTo('settlement_epochs').execute()

    await db.schema
      .createTable('settlement_epoch_receipts')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('fee_router', 'text', (col) => col.notNull())
      .addColumn('epoch', 'integer', (col) => col.notNull())
      .addColumn('receipt_id', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('settlement_epoch_receipts_pk', [...ledgerKey, 'epoch', 'receipt_id'])
      .execute()
    await sql`insert into settlement_epoch_receipts (chain_id, fee_router, epoch, receipt_id)
      select chain_id, fee_router, epoch, receipt_id from settlement_receipts
      where epoch is not null and status = 'metered'`.execute(db)
    await db.schema.alterTable('settlement_balances').addColumn('chargeable', 'text').execute()
  },
  async down(db) {
    await db.schema.alterTable('settlement_balances').dropColumn('chargeable').execute()
    await db.schema.dropTable('settlement_epoch_receipts').execute()
    await createEpochs(db, 'settlement_epochs_v1', ['built', 'sent', 'settled'], (col) =>
      col.addColumn('settled_at', 'text'),
    )
    const columns = sql.join(shared.map((c) => sql.ref(c)))
    await sql`insert into settlement_epochs_v1 (${columns}, status, settled_at)
      select ${columns}, case when status = 'final' then 'settled' else status end, final_at
      from settlement_epochs where status in ('built', 'sent', 'final')`.execute(db)
    await db.schema.dropTable('settlement_epochs').execute()
    await db.schema.alterTable('settlement_epochs_v1').renameTo('settlement_epochs').execute()
  },
}

type TableBuilder = ReturnType<Db['schema']['createTable']>
type PrimaryKeyColumns = Parameters<TableBuilder['addPrimaryKeyConstraint']>[1]

/** `settlement_epochs` under another name, with these statuses and the extra columns `more` adds. */
async function createEpochs(
  db: Db,
  name: string,
  statuses: readonly string[],
  more: (table: TableBuilder) => TableBuilder,
): Promise<void> {
  const allowed = sql.join(statuses.map((s) => sql.lit(s)))
  const table = db.schema
    .createTable(name)
    .addColumn('chain_id', 'integer', (col) => col.notNull())
    .addColumn('fee_router', 'text', (col) => col.notNull())
    .addColumn('epoch', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in (${allowed})`))
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
  await more(table)
    .addPrimaryKeyConstraint(`${name}_pk`, [...ledgerKey, 'epoch'] as PrimaryKeyColumns)
    .execute()
}
