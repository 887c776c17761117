import type { ChainConnection } from '@openledger/chain'
import { type StoreSession, schemaDb } from '@openledger/store'
import { type Address, getAddress } from 'viem'
import { provisionSchema } from './provisionSchema.js'

/** `agent_wallets` as SQL sees it (migration `0005_agent_wallets` of `provisionSchema`). */
export type AgentWalletsTable = {
  chain_id: number
  account: string
  safe_address: string
  module: string
  created_at: string
}

const walletDb = (store: StoreSession) =>
  schemaDb<{ agent_wallets: AgentWalletsTable }>(store, provisionSchema)

/**
 * Records (or replaces) the Safe that agents act on for `account` on a chain.
 *
 * @example
 * await recordAgentWallet(store, { chainId: 31337, account: owner, safe, module })
 */
export async function recordAgentWallet(
  store: StoreSession,
  wallet: { chainId: number; account: Address; safe: Address; module: Address },
): Promise<void> {
  const values = { safe_address: getAddress(wallet.safe), module: getAddress(wallet.module) }
  await walletDb(store)
    .insertInto('agent_wallets')
    .values({
      chain_id: wallet.chainId,
      account: getAddress(wallet.account),
      ...values,
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['chain_id', 'account']).doUpdateSet(values))
    .execute()
}

/**
 * `safeOf` for a tool environment: the Safe recorded for an account on this chain, when it still has code (a
 * restarted devnet keeps the store but not the Safe until provisioning creates it again); else undefined.
 *
 * @example
 * const safeOf = agentWalletLookup(connection, store)
 * const safe = await safeOf('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
 */
export function agentWalletLookup(
  connection: ChainConnection,
  store: StoreSession,
): (account: Address) => Promise<Address | undefined> {
  return async (account) => {
    const row = await walletDb(store)
      .selectFrom('agent_wallets')
      .select('safe_address')
      .where('chain_id', '=', connection.chainId)
      .where('account', '=', getAddress(account))
      .executeTakeFirst()
    if (!row) return undefined
    const safe = getAddress(row.safe_address)
    const code = await connection.publicClient.getCode({ address: safe })
    return code && code !== '0x' ? safe : undefined
  }
}
