import type { StoreSchema } from '@openledger/store'
import { agentWallets } from './migrations/0005_agent_wallets.js'

/**
 * Provisioning's tables (`agent_wallets`: the Safe agents act on for an account, per chain) as a store
 * schema: pass it to `openStore({ schemas })` wherever agent wallets are recorded (`provisionStack`,
 * `ensureDemoCaller`) or looked up (`agentWalletLookup`, `serveAgents`). Provisioning owns the table because
 * only its functions write and read it; wallet tools see it through the `safeOf` those functions build.
 * Kysely records its migrations in `kysely_migration_provision`; the first keeps the name it had when the
 * store ran every package's migrations, so databases from then adopt it.
 *
 * @example
 * const store = await openStore({ schemas: [provisionSchema, datanetsSchema, settlementSchema] })
 * const safeOf = agentWalletLookup(connection, store)
 */
export const provisionSchema: StoreSchema = {
  name: 'provision',
  migrations: {
    '0005_agent_wallets': agentWallets,
  },
}
