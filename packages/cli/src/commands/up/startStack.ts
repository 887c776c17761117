import { type ChainConnection, connectChain, type DevnetServer, type Manifest } from '@openledger/chain'
import type { LoraHost } from '@openledger/lora-host'
import type { Store } from '@openledger/store'
import { type Context, openContextStore } from '../../context.js'
import { buildStackFile, type StackFile } from '../../stack.js'
import { deployWith } from '../deploy/deployWith.js'
import { startDevnet } from '../devnet/startDevnet.js'
import { type AgentKeys, agentKeysFromEnvironment, UP_AGENT_IDS } from './agents/agentKeysFromEnvironment.js'
import { agentsInStackFile } from './agents/agentsInStackFile.js'
import type { StartedAgents } from './agents/startAgentsInStack.js'
import { forgetOldState } from './forgetOldState.js'
import { startLoraHostInStack } from './startLoraHostInStack.js'
import { startSettlementInStack } from './startSettlementInStack.js'
import type { Stops, UpOptions } from './upOptions.js'

/** Everything `up` started, for its summary. */
export type RunningStack = {
  server: DevnetServer
  connection: ChainConnection
  manifest: Manifest
  manifestPath: string
  reused: boolean
  stack: StackFile
  lora: { host: LoraHost | undefined; line: string }
  settlementLine: string
  agents: StartedAgents | undefined
}

/**
 * Starts the devnet, deploys (a fresh chain forgets the previous devnet's state), then lora-host, the
 * settlement worker and the agents behind the gateway, as the options allow; each part's stop goes on `stops`.
 */
export async function startStack(context: Context, options: UpOptions, stops: Stops): Promise<RunningStack> {
  const server = await startDevnet({
    port: options.port,
    host: '127.0.0.1',
    ...(options.chainId ? { chainId: options.chainId } : {}),
  })
  stops.push(() => server.close())
  const connection = await connectChain({ rpc: server.url })
  context.io.out(`Devnet (chain ${connection.chainId}) on ${server.url}`)
  // Before anything is deployed: off the devnet's chain id, no agent acts with a key from the dev mnemonic.
  const agentKeys = wantsAgents(options)
    ? agentKeysFromEnvironment(context, connection.chainId, UP_AGENT_IDS)
    : undefined
  const { manifest, path, reused } = await deployWith(context, connection, { redeploy: true })
  if (!reused) await forgetOldState(context, connection.chainId, manifest)
  const stack = buildStackFile({
    rpcUrl: server.url,
    accounts: server.devnet.accounts,
    manifest,
    manifestPath: path,
  })
  const lora = await startLoraHostInStack(context, options, stack, stops)
  const store = await openContextStore(context)
  stops.push(() => store.close())
  const deployment = { connection, manifest, store }
  const settlementLine = await startSettlementInStack(context, options, deployment, stack, stops)
  const agents = await startAgentsIfAsked(context, options, {
    server,
    ...deployment,
    stack,
    lora,
    stops,
    agentKeys: agentKeys ?? { agentKeys: {} },
  })
  return { server, connection, manifest, manifestPath: path, reused, stack, lora, settlementLine, agents }
}

/** The agents and the gateway, when asked for and lora-host and the settlement worker both run. */
async function startAgentsIfAsked(
  context: Context,
  options: UpOptions,
  parts: {
    server: DevnetServer
    connection: ChainConnection
    manifest: Manifest
    store: Store
    stack: StackFile
    lora: { host: LoraHost | undefined }
    stops: Stops
    agentKeys: AgentKeys
  },
): Promise<StartedAgents | undefined> {
  const { stack, lora } = parts
  if (!wantsAgents(options) || !lora.host || !stack.settlement) return undefined
  // Loaded here: the agents bring LangChain and the gateway, which no other command needs.
  const { startAgentsInStack } = await import('./agents/startAgentsInStack.js')
  const agents = await startAgentsInStack(context, {
    connection: parts.connection,
    manifest: parts.manifest,
    accounts: parts.server.devnet.accounts,
    store: parts.store,
    host: lora.host,
    settlement: stack.settlement,
    gatewayPort: options.gatewayPort,
    trainSteps: options.trainSteps,
    stops: parts.stops,
    agentKeys: parts.agentKeys,
  })
  agentsInStackFile(stack, agents)
  return agents
}

/** The agents start when asked for with lora-host and the settlement worker (which also needs Redis). */
function wantsAgents(options: UpOptions): boolean {
  return options.agents && options.loraHost && options.settlement
}
