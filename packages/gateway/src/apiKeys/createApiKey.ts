import { randomBytes } from 'node:crypto'
import type { StoreSession } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { type ApiKey, apiKeyOf } from './ApiKey.js'
import { hashSecret } from './hashSecret.js'
import { apiKeysDb } from './tables.js'

export type CreateApiKeyParameters = { account: Address; label?: string | undefined }
export type CreateApiKeyReturnType = ApiKey & {
  /** `ol_` + 32 random bytes (base64url): shown once, stored only as its sha256. */
  secret: string
}

/**
 * Creates an API key bound to a prepaid account: returns its secret once and stores only the secret's sha256.
 *
 * @example
 * const { secret } = await createApiKey(store, { account: payer, label: 'demo' })
 * new OpenAI({ baseURL: `${url}/v1`, apiKey: secret })
 */
export async function createApiKey(
  store: StoreSession,
  parameters: CreateApiKeyParameters,
): Promise<CreateApiKeyReturnType> {
  const secret = `ol_${randomBytes(32).toString('base64url')}`
  const row = {
    id: `key_${randomBytes(8).toString('hex')}`,
    secret_hash: hashSecret(secret),
    account: getAddress(parameters.account),
    label: parameters.label ?? null,
    created_at: new Date().toISOString(),
    revoked_at: null,
  }
  await apiKeysDb(store).insertInto('gateway_api_keys').values(row).execute()
  return { ...apiKeyOf(row), secret }
}
