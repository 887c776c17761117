import { join } from 'node:path'
import { aiWallet } from '@openledger/agent-ai-wallet'
import { defiAssistant } from '@openledger/agent-defi-assistant'
import { createCheckpointer } from '@openledger/agent-runtime'
import type { ChainConnection, DevAccount, Manifest } from '@openledger/chain'
import { chatPage, type StartedGateway, startGateway } from '@openledger/gateway'
import { createLocalClient, type LoraHost } from '@openledger/lora-host'
import { devnetProvisionAccounts, type ProvisionSummary, provisionStack } from '@openledger/provision'
import { usageQueue } from '@openledger/settlement'
import type { Store } from '@openledger/store'
import { parseEther } from 'viem'
import type { Context } from '../../../context.js'
import type { Stops } from '../upOptions.js'
import type { AgentKeys } from './agentKeysFromEnvironment.js'
import { influenceOf } from './influenceOf.js'
import { rotateDemoKey } from './rotateDemoKey.js'
import { startFineTuneApi } from './startFineTuneApi.js'
import { trainingBars } from './trainingBars.js'

export type StartAgentsParameters = {
  connection: ChainConnection
  manifest: Manifest
  accounts: readonly DevAccount[]
  store: Store
  host: LoraHost
  /** The settlement queues' Redis and prefix (the gateway meters into its `usage` queue). */
  settlement: { redisUrl: string; prefix: string }
  gatewayPort: number
  /** Steps per adapter instead of each package's own (a quick start, tests). */
  trainSteps: number | undefined
  stops: Stops
  /**
   * The agents' keys (`agentKeysFromEnvironment`), checked against the chain before anything started; none:
   * the devnet's (provisioning refuses them off the devnet).
   */
  agentKeys?: AgentKeys
}

export type StartedAgents = { gatewayUrl: string; apiKey: string; summary: ProvisionSummary }

type Provisioned = Awaited<ReturnType<typeof provisionStack>>
type LocalClient = ReturnType<typeof createLocalClient>

/**
 * Sets the example agents up on the stack (`provisionStack`: pools, datanets, adapters, registration, stake,
 * the demo caller's deposit and Safe) and serves them through the gateway with the chat page and the
 * fine-tune API, then makes a fresh demo API key for the demo caller.
 *
 * @example
 * const { gatewayUrl, apiKey } = await startAgentsInStack(context, { connection, manifest, accounts, store,
 *   host, settlement: { redisUrl, prefix }, gatewayPort: 0, trainSteps: 8, stops })
 */
export async function startAgentsInStack(
  context: Context,
  parameters: StartAgentsParameters,
): Promise<StartedAgents> {
  const client = createLocalClient(parameters.host)
  context.io.out('Setting up the agents…')
  const provisioned = await provisionAgents(context, parameters, client)
  const gateway = await serveAgents(context, parameters, provisioned, client)
  const { summary } = provisioned
  const caller = summary.demoCaller?.account ?? parameters.accounts[7]!.address
  const apiKey = await rotateDemoKey(parameters.store, caller)
  return { gatewayUrl: gateway.url, apiKey, summary }
}

/** What a training step of a fine-tune costs on a local stack: 0.0001 OPEN (a 200-step job, 0.02 OPEN). */
const FINE_TUNE_FEE_PER_STEP = parseEther('0.0001')

/** `provisionStack` on the two example agents, printing its steps (and training bars on a terminal). */
async function provisionAgents(
  context: Context,
  parameters: StartAgentsParameters,
  client: LocalClient,
): Promise<Provisioned> {
  const { connection, manifest, store, host } = parameters
  const bars = trainingBars(context)
  return provisionStack({
    connection,
    manifest,
    store,
    home: context.env.OPENLEDGER_HOME,
    host,
    client,
    packages: [defiAssistant, aiWallet],
    accounts: devnetProvisionAccounts(parameters.accounts),
    ...parameters.agentKeys,
    ...(parameters.trainSteps ? { trainingSteps: parameters.trainSteps } : {}),
    onProgress: (line) => context.io.out(`  ${line}`),
    ...bars.parameters,
  }).finally(() => bars.stop())
}

/** The gateway over the provisioned agents: metering into the usage queue, influence, chat page, fine-tunes. */
async function serveAgents(
  context: Context,
  parameters: StartAgentsParameters,
  { agents, summary }: Provisioned,
  client: LocalClient,
): Promise<StartedGateway> {
  const { connection, manifest, store, host, stops, settlement } = parameters
  const usage = usageQueue({ redis: settlement.redisUrl, prefix: settlement.prefix })
  stops.push(() => usage.close())
  const fineTuneQueue = startFineTuneApi(settlement, store, host, stops)
  const influence = influenceOf(host, summary)
  if (influence) stops.push(() => influence.close())
  const checkpointer = await createCheckpointer(
    context.env.DATABASE_URL ?? join(context.env.OPENLEDGER_HOME, 'threads.sqlite'),
  )
  const gateway = await startGateway({
    agents,
    connection,
    manifest,
    store,
    usage,
    client,
    baseModel: host.model.id,
    tokenizer: host.model.tokenizer,
    checkpointer,
    ...(influence ? { influence } : {}),
    page: chatPage(),
    // Fine-tunes are sold under the first agent (its fee split), at FINE_TUNE_FEE_PER_STEP a step.
    ...(agents[0]
      ? {
          fineTunes: { queue: fineTuneQueue, agentId: agents[0].agentId, feePerStep: FINE_TUNE_FEE_PER_STEP },
        }
      : {}),
    port: parameters.gatewayPort,
  })
  stops.push(() => gateway.close())
  return gateway
}
