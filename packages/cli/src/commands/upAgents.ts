import { join } from 'node:path'
import { aiWallet } from '@openledger/agent-ai-wallet'
import { defiAssistant } from '@openledger/agent-defi-assistant'
import { createCheckpointer } from '@openledger/agent-runtime'
import type { ChainConnection, DevAccount, Manifest } from '@openledger/chain'
import { chatPage, createApiKey, listApiKeys, revokeApiKey, startGateway } from '@openledger/gateway'
import { createLocalClient, type LoraHost } from '@openledger/lora-host'
import {
  createInfluenceScorer,
  fineTuneQueue,
  fineTuneRouter,
  hasInfluenceFeatures,
  readInfluenceFeatures,
  startFineTuneWorker,
} from '@openledger/model-factory'
import {
  devnetProvisionAccounts,
  type ProvisionStackParameters,
  type ProvisionSummary,
  provisionStack,
} from '@openledger/provision'
import { usageQueue } from '@openledger/settlement'
import type { Store } from '@openledger/store'
import { formatEther } from 'viem'
import type { Context } from '../context.js'
import type { StackFile } from '../stack.js'
import { type TrainingProgress, trainingProgress } from '../trainingProgress.js'

/** The label of the API key `up` makes for the demo caller; older ones are revoked on the next start. */
export const DEMO_KEY_LABEL = 'openledger up demo'

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
  stops: (() => Promise<void>)[]
}

export type StartedAgents = { gatewayUrl: string; apiKey: string; summary: ProvisionSummary }

/**
 * Sets the example agents up on the stack (`provisionStack`: pools, datanets, adapters, registration, stake,
 * the demo caller's deposit and Safe) and serves them through the gateway with the chat page and the
 * fine-tune API, then makes a fresh demo API key for the demo caller.
 */
export async function startAgentsInStack(
  context: Context,
  parameters: StartAgentsParameters,
): Promise<StartedAgents> {
  const { connection, manifest, store, host, stops } = parameters
  const client = createLocalClient(host)
  context.io.out('Setting up the agents…')
  const bars = trainingBars(context)
  const { agents, summary } = await provisionStack({
    connection,
    manifest,
    store,
    home: context.env.OPENLEDGER_HOME,
    host,
    client,
    packages: [defiAssistant, aiWallet],
    accounts: devnetProvisionAccounts(parameters.accounts),
    ...(parameters.trainSteps ? { trainingSteps: parameters.trainSteps } : {}),
    onProgress: (line) => context.io.out(`  ${line}`),
    ...bars.parameters,
  }).finally(() => bars.stop())
  const redis = parameters.settlement.redisUrl
  const usage = usageQueue({ redis, prefix: parameters.settlement.prefix })
  stops.push(() => usage.close())
  const fineTunes = fineTuneQueue({ redis, prefix: parameters.settlement.prefix })
  stops.push(() => fineTunes.close())
  const trainer = startFineTuneWorker({
    redis,
    prefix: parameters.settlement.prefix,
    store,
    model: host.model,
  })
  stops.push(() => trainer.close())
  const fineTuneApi = fineTuneRouter({ queue: fineTunes })
  stops.push(() => fineTuneApi.close())
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
    fineTunes: fineTuneApi.router,
    port: parameters.gatewayPort,
  })
  stops.push(() => gateway.close())
  const caller = summary.demoCaller?.account ?? parameters.accounts[7]!.address
  for (const key of await listApiKeys(store, { account: caller }))
    if (key.label === DEMO_KEY_LABEL && !key.revokedAt) await revokeApiKey(store, key.id)
  const { secret } = await createApiKey(store, { account: caller, label: DEMO_KEY_LABEL })
  return { gatewayUrl: gateway.url, apiKey: secret, summary }
}

/** Gradient influence over the agents' adapters, from the features ModelFactory stored beside each one. */
function influenceOf(host: LoraHost, summary: ProvisionSummary) {
  const features = new Map(
    summary.agents
      .flatMap((agent) => agent.adapters)
      .filter((adapter) => hasInfluenceFeatures(adapter.dir))
      .map((adapter) => [adapter.name, readInfluenceFeatures(adapter.dir)] as const),
  )
  if (features.size === 0) return undefined
  return createInfluenceScorer({ weights: host.model.weights, features, bos: host.model.tokenizer.bos })
}

/** On a terminal, a progress bar per adapter trained; elsewhere the step lines `provisionStack` prints. */
function trainingBars(context: Context): {
  parameters: Pick<ProvisionStackParameters, 'onTrainingProgress'>
  stop: () => void
} {
  let current: { adapter: string; bar: TrainingProgress } | undefined
  const stop = () => {
    current?.bar.stop()
    current = undefined
  }
  if (!context.io.progressStream) return { parameters: {}, stop }
  return {
    parameters: {
      onTrainingProgress(adapter, progress) {
        if (current?.adapter !== adapter) {
          stop()
          current = { adapter, bar: trainingProgress(context.io) }
        }
        current.bar.update(progress)
      },
    },
    stop,
  }
}

/** The lines `up` prints about the agents, the demo caller and how to call them. */
export function agentLines(started: StartedAgents): string[] {
  const { summary, gatewayUrl, apiKey } = started
  const lines = summary.agents.map(
    (a) =>
      `  agent          ${a.packageId}  (id ${a.agentId}, fee ${formatEther(a.feeWei)} OPEN, stake ${formatEther(a.stake.activeWei)} OPEN, datanet ${a.datanet.id}, adapters ${a.adapters.map((d) => d.name).join(', ')})`,
  )
  const caller = summary.demoCaller
  if (caller)
    lines.push(
      `  demo caller    ${caller.account}  (prepaid ${formatEther(caller.prepaidWei)} OPEN, Safe ${caller.safe})`,
    )
  lines.push(
    `  gateway        ${gatewayUrl}/v1  (OpenAI-compatible; model = agent id)`,
    `  chat page      ${gatewayUrl}/#key=${apiKey}`,
    `  demo API key   ${apiKey}`,
    '',
    'Try it:',
    `  curl -s ${gatewayUrl}/v1/chat/completions -H 'Authorization: Bearer ${apiKey}' \\`,
    `    -H 'Content-Type: application/json' \\`,
    `    -d '{"model":"${summary.agents[0]?.packageId ?? 'defi-assistant'}","messages":[{"role":"user","content":"What is the price of OPEN in USDC?"}]}'`,
  )
  return lines
}

/** What `up` adds to stack.json once the gateway serves. */
export function agentsInStackFile(stack: StackFile, started: StartedAgents): void {
  stack.gatewayUrl = started.gatewayUrl
  stack.apiKey = started.apiKey
  stack.agents = started.summary.agents.map((a) => ({
    id: a.packageId,
    agentId: a.agentId.toString(),
    account: a.account,
    datanetId: a.datanet.id.toString(),
    adapters: a.adapters.map((d) => d.name),
  }))
  stack.uniswap = {
    router: started.summary.uniswap.router,
    factory: started.summary.uniswap.factory,
    weth: started.summary.uniswap.weth,
    usdc: started.summary.uniswap.usdc,
  }
  if (started.summary.demoCaller)
    stack.demoCaller = { account: started.summary.demoCaller.account, safe: started.summary.demoCaller.safe }
}
