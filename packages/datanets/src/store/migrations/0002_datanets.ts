import { type Migration, sql } from '@openledger/store'

const datanetKey = ['chain_id', 'registry', 'datanet_id'] as const

/**
 * Datanets mirrored from the DatanetRegistry, their contributed rows (content, signature, review) and the
 * batches of accepted rows committed on-chain as Merkle roots. A datanet is keyed by chain, registry and
 * on-chain id; a row by its row id (which hashes all three with the content); a batch by its root (the
 * registry refuses a root twice). `datanet_id` and amounts are decimal strings; hashes lowercase hex.
 */
export const datanets: Migration = {
  async up(db) {
    await db.schema
      .createTable('datanets')
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('registry', 'text', (col) => col.notNull())
      .addColumn('datanet_id', 'text', (col) => col.notNull())
      .addColumn('curator', 'text', (col) => col.notNull())
      .addColumn('license', 'text', (col) => col.notNull())
      .addColumn('metadata_uri', 'text', (col) => col.notNull())
      .addColumn('name', 'text')
      .addColumn('chain_created_at', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('datanets_pk', [...datanetKey])
      .execute()
    await db.schema
      .createTable('datanet_batches')
      .addColumn('root', 'text', (col) => col.primaryKey())
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('registry', 'text', (col) => col.notNull())
      .addColumn('datanet_id', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('pending', 'committed')`))
      .addColumn('batch_index', 'integer')
      .addColumn('row_count', 'integer', (col) => col.notNull())
      .addColumn('uri', 'text', (col) => col.notNull())
      .addColumn('tx_hash', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('committed_at', 'text')
      .addForeignKeyConstraint(
        'datanet_batches_datanet_fk',
        [...datanetKey],
        'datanets',
        [...datanetKey],
        (fk) => fk.onDelete('cascade'),
      )
      .addUniqueConstraint('datanet_batches_index', [...datanetKey, 'batch_index'])
      .execute()
    await db.schema
      .createTable('datanet_rows')
      .addColumn('row_id', 'text', (col) => col.primaryKey())
      .addColumn('chain_id', 'integer', (col) => col.notNull())
      .addColumn('registry', 'text', (col) => col.notNull())
      .addColumn('datanet_id', 'text', (col) => col.notNull())
      .addColumn('content_hash', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('text', 'prompt_completion')`))
      .addColumn('text', 'text')
      .addColumn('prompt', 'text')
      .addColumn('completion', 'text')
      .addColumn('license', 'text', (col) => col.notNull())
      .addColumn('contributor', 'text', (col) => col.notNull())
      .addColumn('signature', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) =>
        col.notNull().check(sql`status in ('pending', 'accepted', 'rejected')`),
      )
      .addColumn('review_reason', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('batch_root', 'text', (col) => col.references('datanet_batches.root'))
      .addColumn('proof', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addForeignKeyConstraint(
        'datanet_rows_datanet_fk',
        [...datanetKey],
        'datanets',
        [...datanetKey],
        (fk) => fk.onDelete('cascade'),
      )
      .execute()
    await db.schema
      .createIndex('datanet_rows_by_status')
      .on('datanet_rows')
      .columns([...datanetKey, 'status', 'batch_root'])
      .execute()
    await db.schema.createIndex('datanet_rows_by_batch').on('datanet_rows').column('batch_root').execute()
  },
  async down(db) {
    await db.schema.dropTable('datanet_rows').execute()
    await db.schema.dropTable('datanet_batches').execute()
    await db.schema.dropTable('datanets').execute()
  },
}
