import type { StoreSchema } from '@openledger/store'
import { gateway } from './migrations/0004_gateway.js'

/**
 * The gateway's tables (`gateway_api_keys`) as a store schema: pass it to `openStore({ schemas })` wherever
 * API keys are created, listed, revoked or checked (the gateway, `openledger apikey`). Kysely records its
 * migrations in `kysely_migration_gateway`; the first keeps the name it had when the store ran every
 * package's migrations, so databases from then adopt it. Add new ones with the next number.
 *
 * @example
 * const store = await openStore({ schemas: [gatewaySchema, settlementSchema, datanetsSchema] })
 * const { secret } = await createApiKey(store, { account, label: 'demo' })
 */
export const gatewaySchema: StoreSchema = {
  name: 'gateway',
  migrations: {
    '0004_gateway': gateway,
  },
}
