import type { Address } from 'viem'
import { getAddress } from 'viem'
import type { ApiKeysTable } from './tables.js'

/** An API key as stored: never its secret. */
export type ApiKey = {
  id: string
  /** The prepaid account (FeeRouter balance) its answers are charged to. */
  account: Address
  label: string | undefined
  createdAt: Date
  revokedAt: Date | undefined
}

export function apiKeyOf(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    account: getAddress(row.account),
    label: row.label ?? undefined,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : undefined,
  }
}
