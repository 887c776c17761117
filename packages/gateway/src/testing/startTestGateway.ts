import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServedAgent } from '@openledger/agent-runtime'
import { actionsSchema } from '@openledger/agent-runtime/schema'
import { type ChainConnection, type Manifest, sendContractCall } from '@openledger/chain'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { openTokenAbi } from '@openledger/contracts'
import {
  contributeRow,
  createDatanet,
  type Datanet,
  type DatanetRow,
  reviewRow,
  signContribution,
} from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createLocalClient, type LoraHostServer, startLoraHostServer } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import {
  getSpendable,
  type SettlementEvent,
  type SettlementWorker,
  type Spendable,
  startSettlementWorker,
  syncBalances,
} from '@openledger/settlement'
import { settlementSchema } from '@openledger/settlement/schema'
import { bondSettler } from '@openledger/settlement/testing'
import { authorizeCharges, depositFees, getSettlementState, registerAgent, stake } from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import OpenAI from 'openai'
import { type Address, createTestClient, custom, type Hex, type LocalAccount, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createApiKey } from '../apiKeys/createApiKey.js'
import { gatewaySchema } from '../apiKeys/gatewaySchema.js'
import type { GatewayOptions } from '../GatewayOptions.js'
import { type StartedGateway, startGateway } from '../startGateway.js'
import { ReceiptNotMeteredError } from './ReceiptNotMeteredError.js'
import { datanetLookupTool, storyAgent } from './storyAgent.js'

/** Short story sentences the stories260K model knows the words of: the test datanet's accepted rows. */
export const STORY_ROWS = [
  'Lily saw a big red ball in the park.',
  'Tom liked to eat apples and bananas.',
  'Once upon a time there was a dog named Max who loved to run.',
  'The little bird sang a song in the tree.',
  'Sue found a shiny rock by the river.',
] as const

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * Dev accounts: 3 funds (the settler's bond too), 4 creates the agent, 7 curates, 5 and 8 contribute, 0 pays
 * (and authorised charges of up to its deposit a day), 1 has no deposit, 9 settles.
 */
const FUNDER = 3
const CREATOR = 4
const CURATOR = 7
const CONTRIBUTORS = [8, 5] as const
const PAYER = 0
const BROKE = 1
const SETTLER = 9
const DAY = 24n * 3600n

export type StartTestGatewayOptions = {
  /** Serve the model host over HTTP (default true), so a test can close it (`hostServer.close()`). */
  hostOverHttp?: boolean
  /** OPEN the payer deposits in FeeRouter (default 100); it authorises charges of up to as much a day. */
  deposit?: string
  /** The agent's fee per answer in OPEN (default 0.01). */
  fee?: string
  /** Where the gateway reports unexpected errors (default: nowhere). */
  onError?: (error: unknown, requestId: string) => void
  /** Extra gateway options (limits, page, checkpointer…). */
  gateway?: Partial<GatewayOptions>
}

export type TestGateway = {
  /** The gateway, e.g. http://127.0.0.1:PORT; the openai client takes `${url}/v1`. */
  url: string
  /** An API key of `payer` (funded with `deposit` OPEN in FeeRouter). */
  apiKey: string
  payer: Address
  /** An API key of an account with no deposit. */
  brokeApiKey: string
  brokePayer: Address
  /** The agent's on-chain id. */
  agentId: bigint
  /** The agent id to pass as `model`. */
  model: string
  /** The official openai client for `apiKey` (no retries). */
  openai: OpenAI
  served: ServedAgent
  datanet: Datanet
  rows: DatanetRow[]
  devnet: DeployedDevnet
  connection: ChainConnection
  manifest: Manifest
  store: Store
  worker: SettlementWorker
  events: SettlementEvent[]
  testHost: TestHost
  /** The host's HTTP server when `hostOverHttp`. */
  hostServer: LoraHostServer | undefined
  gateway: StartedGateway
  /** Dev account `i` (0 pays, 4 created and staked the agent). */
  account: (i: number) => LocalAccount
  /** What `account` may still spend, by the ledger. */
  spendable: (account?: Address) => Promise<Spendable>
  /**
   * Advances settlement now through the worker: finalises an epoch whose dispute window has passed, and posts
   * the next (null when nothing was done).
   */
  settle: () => Promise<Awaited<ReturnType<SettlementWorker['settleNow']>>>
  /** Moves the devnet's clock past the dispute window (a posted epoch may then be finalised) and mines. */
  passDisputeWindow: () => Promise<void>
  /** Resolves once the worker has recorded `receiptId`. */
  metered: (receiptId: Hex, timeoutMs?: number) => Promise<void>
  close: () => Promise<void>
}

/**
 * For tests: the whole serving stack, real parts throughout: a devnet with the protocol deployed, a lora-host
 * over stories260K with adapter `a0` (over HTTP by default), a datanet of five accepted story rows by two
 * contributors, the story agent (datanet search, then an answer by `a0`) registered in AgentRegistry and
 * staked by its creator, a payer with a deposit and an API key (and one without a deposit), the settlement
 * worker on Redis under a prefix of its own, and the gateway on a free port. Takes about 10–20 s.
 *
 * @example
 * const t = await startTestGateway()
 * const answer = await t.openai.chat.completions.create({ model: t.model, messages: [{ role: 'user', content: 'Tell me about the ball.' }] })
 * await t.close()
 */
export async function startTestGateway(options: StartTestGatewayOptions = {}): Promise<TestGateway> {
  const cleanups: (() => Promise<void> | void)[] = []
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {})
  }
  try {
    const devnet = await deployedDevnet()
    cleanups.push(() => devnet.cleanup())
    const { connection, manifest } = devnet
    const contracts = manifest.contracts
    const account = (i: number) => privateKeyToAccount(devnet.devnet.accounts[i]!.privateKey)
    const directory = mkdtempSync(join(tmpdir(), 'openledger-gateway-'))
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }))
    const store = await openStore({
      directory,
      schemas: [actionsSchema, datanetsSchema, settlementSchema, gatewaySchema],
    })
    cleanups.push(() => store.close())

    const testHost = await createTestHost({ adapters: 1 })
    cleanups.push(() => testHost.close())
    const local = createLocalClient(testHost.host)
    const hostServer = options.hostOverHttp === false ? undefined : await startLoraHostServer(testHost.host)
    if (hostServer) cleanups.push(() => hostServer.close().catch(() => {}))
    const client = hostServer
      ? new OpenAI({ baseURL: `${hostServer.url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 120_000 })
      : local

    const { datanet, rows } = await storyDatanet(connection, store, contracts.DatanetRegistry, account)
    const agent = storyAgent({
      datanetId: datanet.datanetId,
      adapter: 'a0',
      ...(options.fee ? { fee: options.fee } : {}),
    })
    const lookup = datanetLookupTool(store, datanet)
    const [adapter] = (await local.adapters.list()).data
    for (const i of [CREATOR, PAYER]) {
      await sendContractCall(connection, {
        account: account(FUNDER),
        address: contracts.OpenToken,
        abi: openTokenAbi,
        functionName: 'transfer',
        args: [account(i).address, parseEther('5000')],
      })
    }
    const { agentId } = await registerAgent(connection, contracts, {
      account: account(CREATOR),
      metadataURI: 'ipfs://story-teller.json',
      adapterHashes: adapter ? [`0x${adapter.sha256}` as Hex] : [],
      feePerCall: agent.feeWei,
    })
    await stake(connection, contracts, { account: account(CREATOR), agentId, amount: agent.minimumStakeWei })
    const deposit = parseEther(options.deposit ?? '100')
    await depositFees(connection, contracts, { account: account(PAYER), amount: deposit })
    await authorizeCharges(connection, contracts, {
      account: account(PAYER),
      perPeriod: deposit,
      period: DAY,
    })
    await bondSettler(connection, manifest, account(FUNDER), account(SETTLER))
    const served: ServedAgent = { agent, agentId, tools: async () => ({ datanet_search: lookup }) }

    const events: SettlementEvent[] = []
    const settler = {
      store,
      connection,
      contracts,
      account: account(SETTLER),
      treasury: manifest.treasurySafe.address,
    }
    await syncBalances(settler, [account(PAYER).address, account(BROKE).address])
    const worker = await startSettlementWorker({
      ...settler,
      redis: TEST_REDIS_URL,
      prefix: `test-gateway-${randomUUID()}`,
      epochSeconds: 3600,
      onEvent: (event) => events.push(event),
    })
    cleanups.push(() => worker.close())

    const payer = account(PAYER).address
    const brokePayer = account(BROKE).address
    const { secret: apiKey } = await createApiKey(store, { account: payer, label: 'test payer' })
    const { secret: brokeApiKey } = await createApiKey(store, { account: brokePayer, label: 'no deposit' })
    const gateway = await startGateway({
      agents: [served],
      connection,
      manifest,
      store,
      usage: worker.usage,
      client,
      baseModel: testHost.host.model.id,
      tokenizer: testHost.host.model.tokenizer,
      limits: { maxTokens: 24 },
      onError: options.onError ?? (() => {}),
      ...options.gateway,
    })
    cleanups.push(() => gateway.close())
    const ledger = { chainId: connection.chainId, feeRouter: contracts.FeeRouter }
    const testClient = createTestClient({
      mode: 'hardhat',
      transport: custom(devnet.devnet),
      chain: connection.chain,
    })
    return {
      url: gateway.url,
      apiKey,
      payer,
      brokeApiKey,
      brokePayer,
      agentId,
      model: agent.id,
      openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey, maxRetries: 0 }),
      served,
      datanet,
      rows,
      devnet,
      connection,
      manifest,
      store,
      worker,
      events,
      testHost,
      hostServer,
      gateway,
      account,
      spendable: (who = payer) => getSpendable(store, ledger, who),
      settle: () => worker.settleNow(),
      async passDisputeWindow() {
        const { disputeWindow } = await getSettlementState(connection, contracts)
        await testClient.increaseTime({ seconds: Number(disputeWindow) + 1 })
        await testClient.mine({ blocks: 1 })
      },
      async metered(receiptId, timeoutMs = 20_000) {
        const id = receiptId.toLowerCase()
        const deadline = Date.now() + timeoutMs
        while (!events.some((e) => e.type === 'metered' && e.receiptId.toLowerCase() === id)) {
          if (Date.now() > deadline) throw new ReceiptNotMeteredError(receiptId, timeoutMs)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

async function storyDatanet(
  connection: ChainConnection,
  store: Store,
  registry: Address,
  account: (i: number) => LocalAccount,
): Promise<{ datanet: Datanet; rows: DatanetRow[] }> {
  const curator = account(CURATOR)
  const datanet = await createDatanet(connection, store, {
    registry,
    account: curator,
    license: 'CC-BY-4.0',
    metadataURI: 'ipfs://stories.json',
    name: 'stories',
  })
  const rows: DatanetRow[] = []
  for (const [i, text] of STORY_ROWS.entries()) {
    const contributor = account(CONTRIBUTORS[i % CONTRIBUTORS.length]!)
    const content = { kind: 'text' as const, text }
    const signature = await signContribution(contributor, { datanet, content, license: 'CC-BY-4.0' })
    const { row } = await contributeRow(store, {
      datanet,
      content,
      license: 'CC-BY-4.0',
      contributor: contributor.address,
      signature,
    })
    rows.push(
      await reviewRow(connection, store, {
        rowId: row.rowId,
        curator: curator.address,
        decision: 'accepted',
      }),
    )
  }
  return { datanet, rows }
}
