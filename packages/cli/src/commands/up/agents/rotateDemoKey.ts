import { createApiKey, listApiKeys, revokeApiKey } from '@openledger/gateway'
import type { Store } from '@openledger/store'
import type { Address } from 'viem'

/** The label of the API key `up` makes for the demo caller; older ones are revoked on the next start. */
export const DEMO_KEY_LABEL = 'openledger up demo'

/** Revokes the demo caller's earlier demo keys and makes a fresh one; returns its secret. */
export async function rotateDemoKey(store: Store, caller: Address): Promise<string> {
  for (const key of await listApiKeys(store, { account: caller }))
    if (key.label === DEMO_KEY_LABEL && !key.revokedAt) await revokeApiKey(store, key.id)
  const { secret } = await createApiKey(store, { account: caller, label: DEMO_KEY_LABEL })
  return secret
}
