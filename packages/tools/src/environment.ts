import type { ChainConnection, Manifest } from '@openledger/chain'
import type { DatanetIndex } from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import type { Address, LocalAccount } from 'viem'
import type { UniswapAddresses } from './uniswap/types.js'

/** A chat-completions client over the model host (in process or HTTP), as `createLocalClient` returns. */
export type ModelClient = {
  chat: { completions: { create(body: never, options?: { signal?: AbortSignal }): Promise<unknown> } }
}

/**
 * Everything an agent's tools need on one running stack. Provisioning builds it once per agent; an agent
 * package's `tools(environment, caller)` binds its tools to it and to the caller.
 */
export type ToolEnvironment = {
  connection: ChainConnection
  manifest: Manifest
  store: StoreSession
  /** Uniswap v2 and its seeded pools on this stack. */
  uniswap: UniswapAddresses
  /** The SpendingLimitModule users' Safes enable for agents. */
  spendingLimitModule: Address
  /** The agent's own key: the delegate on users' Safes and the sender of its transactions. */
  agentAccount: LocalAccount
  /** The Safe the caller's wallet agent acts on; undefined when the caller has none. */
  safeOf(account: Address): Promise<Address | undefined>
  /** The agent's datanets' vector indexes, by datanet id (decimal string). */
  datanets: Record<string, DatanetIndex>
  /** The model host, for the specialist-model tool. */
  client: ModelClient
  /** The host's base model id; adapter models are `<baseModel>:<adapter>`. */
  baseModel: string
}
