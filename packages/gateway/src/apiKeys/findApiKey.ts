import type { StoreSession } from '@openledger/store'
import { type ApiKey, apiKeyOf } from './ApiKey.js'
import { hashSecret } from './hashSecret.js'
import { apiKeysDb } from './tables.js'

/**
 * The key whose secret this is, revoked or not; undefined for a secret never issued.
 *
 * @example
 * const key = await findApiKey(store, secret)
 * if (!key || key.revokedAt) throw new HttpError(401, 'Invalid API key.', { code: 'invalid_api_key' })
 */
export async function findApiKey(store: StoreSession, secret: string): Promise<ApiKey | undefined> {
  const row = await apiKeysDb(store)
    .selectFrom('gateway_api_keys')
    .selectAll()
    .where('secret_hash', '=', hashSecret(secret))
    .executeTakeFirst()
  return row ? apiKeyOf(row) : undefined
}
