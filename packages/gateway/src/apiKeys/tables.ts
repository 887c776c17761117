import type { StoreSession } from '@openledger/store'

/** `gateway_api_keys` as SQL sees it (migration 0004_gateway in @openledger/store). */
export type ApiKeysTable = {
  id: string
  secret_hash: string
  account: string
  label: string | null
  created_at: string
  revoked_at: string | null
}

/** The store's query builder with the API key table known to it. */
export function apiKeysDb(store: StoreSession) {
  return store.db.withTables<{ gateway_api_keys: ApiKeysTable }>()
}
