import type { AgentPackage, ServedAgent } from '@openledger/agent-runtime'
import type { ChainConnection, Manifest } from '@openledger/chain'
import type { LoraHost } from '@openledger/lora-host'
import type { FineTuneProgress } from '@openledger/model-factory'
import type { Store } from '@openledger/store'
import type { ModelClient, ToolEnvironment, UniswapAddresses } from '@openledger/tools'
import type { Address, Hex } from 'viem'

/** The keys provisioning acts with (on the devnet: `devnetProvisionAccounts`). */
export type ProvisionAccounts = {
  /** Deploys the spending limit module and sends agent accounts their ether. */
  deployer: Hex
  /** Deploys Uniswap v2, seeds both pools and keeps the liquidity share (needs 2,000,000 OPEN). */
  liquidity: Hex
  /** Pays the OPEN: agent creators' stakes, the demo caller's deposit and Safe. */
  funder: Hex
  /** Backs every agent with the stake its creator does not put up. */
  staker: Hex
  /** Creates and curates the seed datanets, signs their rows, and creates the adapters (lineage). */
  curator: Hex
  /** The demo caller: a prepaid balance and a Safe of its own. */
  user: Hex
}

/** Training settings for every adapter (ModelFactory's `runFineTuneJob`). */
export type ProvisionTraining = {
  /** LoRA rank; default 8. */
  rank?: number
  /** Default 42: the same seed and rows give the same adapter bytes. */
  seed?: number
  /** Rows per step; default ModelFactory's (16). */
  batch?: number
  /** Peak learning rate; default ModelFactory's (2e-3). */
  lr?: number
  /** Tokens per row; default the longest seed row's length, rounded up to 16. */
  seqLen?: number
}

/** The demo caller's wallet and prepaid balance. */
export type DemoCallerOptions = {
  /** The prepaid FeeRouter balance topped up to; default 100 OPEN. */
  prepaidWei?: bigint
  /** What it authorises settlement to charge it per day (`authorizeCharges`); default `prepaidWei`. */
  chargeCapWei?: bigint
  /** The OPEN its Safe is topped up to; default 100 OPEN. */
  safeOpenWei?: bigint
  /** Each delegate's OPEN allowance per `resetPeriod`; default 10 OPEN. */
  allowanceWei?: bigint
  /** Seconds; default one day. */
  resetPeriod?: number
  /**
   * Package ids whose agent accounts may spend from the Safe; default every package whose agent uses a
   * `wallet_*` tool.
   */
  delegates?: readonly string[]
}

export type ProvisionStackParameters = {
  connection: ChainConnection
  manifest: Manifest
  store: Store
  /** `OPENLEDGER_HOME`: holds `provision/<chainId>.json`, `trained/`, `indexes/`. */
  home: string
  /** The model host in process: its base model trains and embeds; trained adapters are registered with it. */
  host: Pick<LoraHost, 'model' | 'registerAdapter' | 'embed' | 'limits'>
  /** What agents' tools call the model host through (`createLocalClient(host)`, or an HTTP client). */
  client: ModelClient
  /** Default: the host's base model id. */
  baseModel?: string
  packages: readonly AgentPackage<ToolEnvironment>[]
  accounts: ProvisionAccounts
  /** Steps per adapter: a number for all, or a function of the package's steps (tests scale them down). */
  trainingSteps?: number | ((steps: number) => number)
  training?: ProvisionTraining
  /** The demo caller's setup; `false` for none. */
  demoCaller?: DemoCallerOptions | false
  /**
   * Agents' own keys by package id (e.g. from keystores); each wins over `agentKeySeed` for its package. Every
   * agent's key must be its own: no two agents, and no role in `accounts`, share one.
   */
  agentKeys?: Readonly<Record<string, Hex>>
  /**
   * The operator's secret the other agents' keys derive from: key = keccak256("openledger/agent-account/v1\n" +
   * seed + "\n" + package id). Without it (and `agentKeys`), the public dev mnemonic: on the devnet's chain id
   * only; elsewhere provisioning refuses (`DevnetOnlyError`) before it changes anything.
   */
  agentKeySeed?: string
  /** One line per step, for the CLI to print. */
  onProgress?: (line: string) => void
  /** Each training step of each adapter trained (e.g. for the CLI's `trainingProgress` bar, one per adapter). */
  onTrainingProgress?: (adapter: string, progress: FineTuneProgress) => void
}

/** One adapter as provisioned. */
export type ProvisionedAdapter = {
  role: string
  /** The id in the model host's registry (the agent's model is `<baseModel>:<name>`). */
  name: string
  /** `0x` + the adapter's content address: its ModelRegistry key. */
  sha256: Hex
  /** The folder with the PEFT files, `training.json` and the influence features. */
  dir: string
  trainingRowsRoot: Hex
  /** True when this run trained it; false when a matching trained adapter was reused. */
  trained: boolean
  /** True when this run registered its lineage on-chain. */
  registeredOnChain: boolean
}

/** One agent as provisioned. */
export type ProvisionedAgent = {
  packageId: string
  agentId: bigint
  /** The agent's own account: its creator in AgentRegistry and the delegate on users' Safes. */
  account: Address
  datanet: { id: bigint; name: string; rows: number; created: boolean; indexed: number }
  adapters: ProvisionedAdapter[]
  feeWei: bigint
  stake: { activeWei: bigint; minimumWei: bigint; creatorWei: bigint }
  /** True when this run registered the agent (false: found by its account). */
  registered: boolean
}

/** What `provisionStack` did and where everything is: for `openledger up` to print and write. */
export type ProvisionSummary = {
  chainId: number
  uniswap: UniswapAddresses & { deployed: boolean }
  spendingLimitModule: { address: Address; deployed: boolean }
  agents: ProvisionedAgent[]
  demoCaller:
    | {
        account: Address
        safe: Address
        prepaidWei: bigint
        /** OPEN wei settlement may charge it per day. */
        chargeCapWei: bigint
        safeOpenWei: bigint
        delegates: Address[]
      }
    | undefined
  /** Adapter names trained by this run: empty when everything was reused. */
  trained: string[]
  /** Datanet names created by this run. */
  createdDatanets: string[]
  seconds: number
}

export type ProvisionStackReturnType = {
  /** What the gateway serves, one per package, in the packages' order. */
  agents: ServedAgent[]
  /** Each agent's tool environment, by package id. */
  environments: Record<string, ToolEnvironment>
  summary: ProvisionSummary
}
