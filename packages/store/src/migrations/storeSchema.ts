import type { StoreSchema } from '../types.js'
import { safeTransactions } from './0001_safe_transactions.js'

/**
 * The store's own tables: Safe proposals and their signatures. `openStore` always migrates it, first; every
 * other package's tables come in that package's schema. Kysely runs migrations in name order and records
 * each by name, so add new ones with the next number and never rename or edit one that has shipped.
 */
export const storeSchema: StoreSchema = {
  name: 'store',
  migrations: {
    '0001_safe_transactions': safeTransactions,
  },
}
