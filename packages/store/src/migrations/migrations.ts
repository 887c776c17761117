import type { Migration } from 'kysely'
import { safeTransactions } from './0001_safe_transactions.js'
import { datanets } from './0002_datanets.js'
import { settlement } from './0003_settlement.js'
import { gateway } from './0004_gateway.js'
import { agentWallets } from './0005_agent_wallets.js'

/**
 * Every migration, by name. Kysely runs them in name order and records each by name, so add new ones with
 * the next number and never rename or edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_safe_transactions': safeTransactions,
  '0002_datanets': datanets,
  '0003_settlement': settlement,
  '0004_gateway': gateway,
  '0005_agent_wallets': agentWallets,
}
