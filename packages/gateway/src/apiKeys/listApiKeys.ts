import type { StoreSession } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { type ApiKey, apiKeyOf } from './ApiKey.js'
import { apiKeysDb } from './tables.js'

/**
 * Every API key (oldest first), or those of one account. Secrets are never stored, so never listed.
 *
 * @example
 * for (const key of await listApiKeys(store)) console.log(key.id, key.account, key.revokedAt ?? 'active')
 */
export async function listApiKeys(
  store: StoreSession,
  options: { account?: Address } = {},
): Promise<ApiKey[]> {
  let query = apiKeysDb(store).selectFrom('gateway_api_keys').selectAll().orderBy('created_at').orderBy('id')
  if (options.account) query = query.where('account', '=', getAddress(options.account))
  return (await query.execute()).map(apiKeyOf)
}
