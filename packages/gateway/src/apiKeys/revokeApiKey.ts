import { BaseError } from '@openledger/errors'
import type { StoreSession } from '@openledger/store'
import { type ApiKey, apiKeyOf } from './ApiKey.js'
import { apiKeysDb } from './tables.js'

/** No API key has this id. */
export class UnknownApiKeyError extends BaseError {
  override name = 'UnknownApiKeyError'
  constructor(readonly id: string) {
    super(`No API key ${id}.`, { metaMessages: ['List the keys with `openledger apikey list`.'] })
  }
}

/**
 * Revokes an API key at once (the gateway refuses it from the next request); revoking twice keeps the first
 * time. An unknown id is an `UnknownApiKeyError`.
 *
 * @example
 * await revokeApiKey(store, 'key_0123456789abcdef')
 */
export async function revokeApiKey(store: StoreSession, id: string): Promise<ApiKey> {
  const db = apiKeysDb(store)
  await db
    .updateTable('gateway_api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
  const row = await db.selectFrom('gateway_api_keys').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new UnknownApiKeyError(id)
  return apiKeyOf(row)
}
