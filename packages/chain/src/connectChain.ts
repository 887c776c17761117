import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  type EIP1193RequestFn,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { DEVNET_CHAIN_ID } from './accounts.js'
import type { Devnet } from './devnet/createDevnet.js'
import { RpcUnreachableError } from './errors.js'

/** An EIP-1193 provider: what protocol-kit and viem's `custom()` accept. */
export type Eip1193Provider = { request: EIP1193RequestFn }

export type ChainConnection = {
  chain: Chain
  chainId: number
  /** The RPC URL, or the in-process provider: what protocol-kit's `provider` accepts. */
  provider: string | Eip1193Provider
  transport: Transport
  publicClient: PublicClient
  walletClient: (account: Account) => WalletClient<Transport, Chain, Account>
}

export type ConnectChainParameters = {
  /** An RPC URL (http/https) or an in-process devnet. */
  rpc: string | Devnet
  /** Give up on an unreachable RPC after this long; default 5,000 ms. */
  timeoutMs?: number
}

/**
 * Connects to a chain by RPC URL or in-process devnet, asks its chain id, and returns viem clients. An RPC
 * that does not answer is a `RpcUnreachableError`.
 *
 * @example
 * const connection = await connectChain({ rpc: 'http://127.0.0.1:8545' })
 * await connection.publicClient.getBlockNumber()
 */
export async function connectChain(parameters: ConnectChainParameters): Promise<ChainConnection> {
  const { rpc, timeoutMs = 5_000 } = parameters
  const url = typeof rpc === 'string' ? rpc : 'edr://in-process'
  if (typeof rpc === 'string' && !/^https?:\/\/[^\s]+$/.test(rpc)) {
    throw new RpcUnreachableError(rpc, new Error('not an http(s) URL'))
  }
  const transport: Transport =
    typeof rpc === 'string' ? http(rpc, { timeout: timeoutMs, retryCount: 0 }) : custom(rpc)
  let chainId: number
  try {
    chainId = await createPublicClient({ transport }).getChainId()
  } catch (error) {
    throw new RpcUnreachableError(url, error)
  }
  const chain = defineChain({
    id: chainId,
    name: chainId === DEVNET_CHAIN_ID ? 'OpenLedger devnet' : `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [typeof rpc === 'string' ? rpc : 'http://127.0.0.1:8545'] } },
  })
  const steady: Transport =
    typeof rpc === 'string' ? http(rpc, { timeout: Math.max(timeoutMs, 30_000) }) : custom(rpc)
  const publicClient = createPublicClient({ chain, transport: steady, pollingInterval: 100 }) as PublicClient
  return {
    chain,
    chainId,
    provider: typeof rpc === 'string' ? rpc : { request: rpc.request },
    transport: steady,
    publicClient,
    walletClient: (account) =>
      createWalletClient({ chain, transport: steady, account, pollingInterval: 100 }),
  }
}
