import type { StoreSchema } from '@openledger/store'
import { settlement } from './migrations/0003_settlement.js'
import { settlementDisputeWindow } from './migrations/0006_settlement_dispute_window.js'

/**
 * The settlement ledger's tables (`settlement_receipts`, `settlement_epochs`, `settlement_epoch_receipts`,
 * `settlement_balances`) as a store schema: pass it to `openStore({ schemas })` wherever the ledger is read or
 * written (the gateway's fee holds, the settlement worker, `openledger fees`/`settle`). Kysely records its
 * migrations in `kysely_migration_settlement`; the first keeps the name it had when the store ran every
 * package's migrations, so databases from then adopt it. Add new ones with the next number; never edit a
 * shipped one.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, schemas: [settlementSchema] })
 * const { spendable } = await getSpendable(store, ledger, payer)
 */
export const settlementSchema: StoreSchema = {
  name: 'settlement',
  migrations: {
    '0003_settlement': settlement,
    '0006_settlement_dispute_window': settlementDisputeWindow,
  },
}
