import type { StoreSchema } from '@openledger/store'
import { pendingActions } from './migrations/0001_pending_actions.js'

/**
 * The agent runtime's tables (`pending_actions`: value-moving actions awaiting the caller's confirmation) as a
 * store schema: pass it to `openStore({ schemas })` wherever agents that move value run (the gateway, tests).
 * Kysely records its migrations in `kysely_migration_actions`; add new ones with the next number.
 *
 * @example
 * const store = await openStore({ databaseUrl: ':memory:', schemas: [actionsSchema] })
 * const action = await createPendingAction(store, { agentId: 'ai-wallet', payer, kind: 'transfer', summary, params })
 */
export const actionsSchema: StoreSchema = {
  name: 'actions',
  migrations: {
    '0001_pending_actions': pendingActions,
  },
}
