import { type StoreSession, schemaDb } from '@openledger/store'
import { gatewaySchema } from './gatewaySchema.js'

/** `gateway_api_keys` as SQL sees it (migration `0004_gateway` of `gatewaySchema`). */
export type ApiKeysTable = {
  id: string
  secret_hash: string
  account: string
  label: string | null
  created_at: string
  revoked_at: string | null
}

/**
 * The store's query builder with the API key table known to it; throws `StoreSchemaNotRegisteredError` when
 * the store was opened without `gatewaySchema`.
 */
export function apiKeysDb(store: StoreSession) {
  return schemaDb<{ gateway_api_keys: ApiKeysTable }>(store, gatewaySchema)
}
