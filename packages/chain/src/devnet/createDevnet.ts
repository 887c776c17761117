import {
  ContractDecoder,
  EdrContext,
  L1_CHAIN_TYPE,
  l1GenesisState,
  l1HardforkLatest,
  l1HardforkToString,
  l1ProviderFactory,
  MineOrdering,
  type Provider,
} from '@nomicfoundation/edr'
import { type EIP1193RequestFn, hexToBytes, RpcRequestError } from 'viem'
import { DEVNET_CHAIN_ID, type DevAccount, devAccounts } from '../accounts.js'

export type CreateDevnetParameters = {
  /** Default `DEVNET_CHAIN_ID` (31337); another id makes a devnet where dev keys are refused (tests of that). */
  chainId?: number
  /** Funded accounts from the dev mnemonic; default 10. */
  accountCount?: number
  mnemonic?: string
  /** Ether balance of each dev account, in wei; default 10,000 ether. */
  balance?: bigint
}

export type Devnet = {
  chainId: number
  accounts: DevAccount[]
  /** EIP-1193 `request`, for viem's `custom()` transport or protocol-kit. */
  request: EIP1193RequestFn
}

type JsonRpcError = { code: number; message: string; data?: unknown }

let context: Promise<EdrContext> | undefined

function edrContext(): Promise<EdrContext> {
  context ??= (async () => {
    const created = new EdrContext()
    await created.registerProviderFactory(L1_CHAIN_TYPE, l1ProviderFactory())
    return created
  })()
  return context
}

/**
 * An in-process EVM (Nomic's EDR) with funded dev accounts, as an EIP-1193 provider. Reverts come back as
 * JSON-RPC code 3 with the revert data, so viem decodes custom errors.
 *
 * @example
 * const devnet = await createDevnet()
 * const client = createPublicClient({ transport: custom(devnet) })
 */
export async function createDevnet(parameters: CreateDevnetParameters = {}): Promise<Devnet> {
  const { chainId = DEVNET_CHAIN_ID, accountCount = 10, mnemonic, balance = 10n ** 22n } = parameters
  const accounts = devAccounts(accountCount, mnemonic)
  const hardfork = l1HardforkLatest()
  const genesisState = [
    ...l1GenesisState(hardfork),
    ...accounts.map((a) => ({ address: hexToBytes(a.address), balance })),
  ]
  const provider = await (await edrContext()).createProvider(
    L1_CHAIN_TYPE,
    {
      allowBlocksWithSameTimestamp: false,
      allowUnlimitedContractSize: false,
      bailOnCallFailure: true,
      bailOnTransactionFailure: true,
      chainId: BigInt(chainId),
      networkId: BigInt(chainId),
      coinbase: new Uint8Array(20),
      // EDR rejects a default gas limit above the EIP-7825 transaction cap of 2^24.
      defaultTransactionGasLimit: 16_777_216n,
      genesisState,
      hardfork: l1HardforkToString(hardfork),
      initialBaseFeePerGas: 1_000_000_000n,
      minGasPrice: 0n,
      mining: { autoMine: true, blockGasLimit: 60_000_000n, memPool: { order: MineOrdering.Priority } },
      network: { genesisBlockGasLimit: 60_000_000n },
      observability: {},
      ownedAccounts: accounts.map((a) => a.privateKey),
      precompileOverrides: [],
    } as Parameters<EdrContext['createProvider']>[1],
    { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} },
    { subscriptionCallback: () => {} },
    new ContractDecoder(),
  )
  return { chainId, accounts, request: requestFn(provider) }
}

function requestFn(provider: Provider): EIP1193RequestFn {
  let id = 0
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    const response = await provider.handleRequest(
      JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }),
    )
    const data = (typeof response.data === 'string' ? JSON.parse(response.data) : response.data) as {
      result?: unknown
      error?: JsonRpcError
    }
    if (data.error) throw toRpcError(method, params, data.error)
    return data.result
  }
  return request as EIP1193RequestFn
}

// viem decodes custom errors only from code 3 with hex revert data; EDR nests that data one level down.
// A viem RpcRequestError is neither wrapped as unknown nor retried.
function toRpcError(method: string, params: unknown, error: JsonRpcError): RpcRequestError {
  const nested = (error.data as { data?: unknown } | undefined)?.data
  const revert = typeof nested === 'string' ? nested : undefined
  return new RpcRequestError({
    body: { method, params },
    url: 'edr://in-process',
    error: revert
      ? { code: 3, message: error.message, data: revert }
      : { code: error.code, message: error.message, data: error.data },
  })
}
