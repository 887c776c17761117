import { existsSync } from 'node:fs'
import { type ChainConnection, connectChain, type Manifest } from '@openledger/chain'
import { BaseError } from '@openledger/errors'
import type { LoraHost } from '@openledger/lora-host'
import { forgetLedger, pingRedis } from '@openledger/settlement'
import type { Store } from '@openledger/store'
import { deleteSafeTransactions } from '@openledger/store'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, openContextStore, withStore } from '../context.js'
import { findBaseModel, missingModelMessage } from '../models.js'
import { parseIntegerIn } from '../options.js'
import { waitForShutdown } from '../shutdown.js'
import { buildStackFile, removeStackFile, type StackFile, writeStackFile } from '../stack.js'
import { deployWith } from './deploy.js'
import { printAccounts, startDevnet } from './devnet.js'
import { loraHostDefaults, startLoraHost } from './loraHost.js'
import { queuePrefixOf, settlerFor, startSettlementInCli } from './settlement.js'
import type { StartedAgents } from './upAgents.js'

type UpOptions = {
  port: number
  loraPort: number
  gatewayPort: number
  loraHost: boolean
  model?: string
  settlement: boolean
  agents: boolean
  trainSteps: number | undefined
  epochSeconds: number
  wait: boolean
}

/** `up` was asked to serve a base model that is nowhere it looked. */
export class BaseModelMissingError extends BaseError {
  override name = 'BaseModelMissingError'
}

export function upCommand(program: Command, context: Context): void {
  program
    .command('up')
    .description(
      'Run the whole local stack: devnet, contracts and treasury Safe, lora-host with the base model; writes .openledger/stack.json.',
    )
    .option(
      '-p, --port <port>',
      'devnet port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.DEVNET_PORT,
    )
    .option(
      '--lora-port <port>',
      'lora-host port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.LORA_HOST_PORT,
    )
    .option(
      '--gateway-port <port>',
      'gateway port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.GATEWAY_PORT,
    )
    .option('--model <path>', 'base model for lora-host (default: found as the README says)')
    .option('--no-lora-host', 'do not start lora-host (nor the agents and gateway)')
    .option('--no-settlement', 'do not start the settlement worker (nor the agents and gateway)')
    .option('--no-agents', 'do not set up the example agents nor start the gateway')
    .option('--train-steps <n>', 'steps per adapter instead of each agent’s own', parseIntegerIn(1, 100_000))
    .option('--epoch-seconds <n>', 'settle an epoch at least this often', parseIntegerIn(1, 86_400), 60)
    .option('--no-wait', 'exit once the stack is up (for scripts and tests)')
    .action(async (options: UpOptions) => {
      const started = performance.now()
      const stops: (() => Promise<void>)[] = []
      if (options.loraHost && !options.model) {
        const lookup = findBaseModel(context.env)
        if (!lookup.found) throw new BaseModelMissingError(missingModelMessage(lookup))
        options.model = lookup.path
      }
      try {
        const server = await startDevnet({ port: options.port, host: '127.0.0.1' })
        stops.push(() => server.close())
        const connection = await connectChain({ rpc: server.url })
        context.io.out(`Devnet (chain ${connection.chainId}) on ${server.url}`)
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
        const settlementLine = await startSettlementInStack(
          context,
          options,
          { connection, manifest, store },
          stack,
          stops,
        )
        let agents: StartedAgents | undefined
        if (options.agents && lora.host && stack.settlement) {
          // Loaded here: the agents bring LangChain and the gateway, which no other command needs.
          const { agentsInStackFile, startAgentsInStack } = await import('./upAgents.js')
          agents = await startAgentsInStack(context, {
            connection,
            manifest,
            accounts: server.devnet.accounts,
            store,
            host: lora.host,
            settlement: stack.settlement,
            gatewayPort: options.gatewayPort,
            trainSteps: options.trainSteps,
            stops,
          })
          agentsInStackFile(stack, agents)
        }
        const stackPath = writeStackFile(context.env.OPENLEDGER_HOME, stack)
        const seconds = ((performance.now() - started) / 1000).toFixed(1)
        const { treasurySafe } = manifest
        context.io.out('')
        context.io.out(`OpenLedger stack is up (${seconds} s, ${reused ? 'reused' : 'fresh'} deployment)`)
        context.io.out(`  RPC            ${server.url}  (chain ${connection.chainId})`)
        context.io.out(
          `  treasury Safe  ${treasurySafe.address}  (${treasurySafe.threshold} of ${treasurySafe.owners.length})`,
        )
        context.io.out(`  OpenToken      ${manifest.contracts.OpenToken}`)
        context.io.out(`  lora-host      ${lora.line}`)
        context.io.out(`  settlement     ${settlementLine}`)
        if (agents)
          for (const line of (await import('./upAgents.js')).agentLines(agents)) context.io.out(line)
        else context.io.out(`  gateway        not started: ${whyNoGateway(options, lora.host, stack)}`)
        context.io.out(`  stack file     ${stackPath}`)
        context.io.out(`  manifest       ${path}`)
        printAccounts(context, server)
        if (options.wait) {
          context.io.out('Press Ctrl-C to stop.')
          await waitForShutdown()
          context.io.out('Stopping…')
        }
      } finally {
        removeStackFile(context.env.OPENLEDGER_HOME)
        for (const stop of stops.reverse()) await stop()
      }
      context.io.out('Stopped.')
    })
}

/** Why `up` serves no agents: the option that turned them off, or the part they need that did not start. */
function whyNoGateway(options: UpOptions, host: LoraHost | undefined, stack: StackFile): string {
  if (!options.agents) return '--no-agents'
  if (!host) return 'it needs lora-host'
  if (!stack.settlement) return 'it needs the settlement worker (Redis)'
  return 'unknown'
}

/** Starts lora-host (its base model was found, or named by --model); returns the host and the summary line. */
async function startLoraHostInStack(
  context: Context,
  options: UpOptions,
  stack: StackFile,
  stops: (() => Promise<void>)[],
): Promise<{ host: LoraHost | undefined; line: string }> {
  if (!options.loraHost || !options.model) return { host: undefined, line: 'not started (--no-lora-host)' }
  if (!existsSync(options.model))
    throw new BaseModelMissingError(`No base model at ${options.model} (the --model option).`)
  const { host, server, close } = await startLoraHost(context, {
    model: options.model,
    port: options.loraPort,
    ...loraHostDefaults,
  })
  stops.push(close)
  stack.loraHost = { url: server.url, model: host.model.id, sha256: host.model.sha256 }
  stack.loraHostUrl = `${server.url}/v1`
  return {
    host,
    // Read when printed: setting the agents up registers their adapters with the host.
    get line() {
      return `${server.url}/v1  (model ${host.model.id}, ${host.registry.size} adapters)`
    },
  }
}

/** Starts the settlement worker when Redis answers; returns the summary line. */
async function startSettlementInStack(
  context: Context,
  options: UpOptions,
  deployment: { connection: ChainConnection; manifest: Manifest; store: Store },
  stack: StackFile,
  stops: (() => Promise<void>)[],
): Promise<string> {
  if (!options.settlement) return 'not started (--no-settlement)'
  const redisUrl = context.env.REDIS_URL
  if (!(await pingRedis({ redis: redisUrl })))
    return `not started: Redis does not answer at ${redisUrl} (start redis-server or set REDIS_URL)`
  const { store } = deployment
  const epochReceipts = 1_000
  const settler = settlerFor(context, {}, deployment, store)
  const worker = await startSettlementInCli(context, settler, {
    epochSeconds: options.epochSeconds,
    epochReceipts,
  })
  stops.push(() => worker.close())
  stack.settlement = {
    redisUrl,
    prefix: queuePrefixOf(settler),
    epochSeconds: options.epochSeconds,
    epochReceipts,
  }
  return `every ${options.epochSeconds} s or ${epochReceipts} receipts (queues on ${redisUrl})`
}

// The devnet starts empty on every `up`: Safe proposals and the settlement ledger stored for the previous
// devnet describe a chain that no longer exists (proposals would hold nonces the new Safe has not used, and
// the new FeeRouter, at the same address, has settled nothing).
async function forgetOldState(context: Context, chainId: number, manifest: Manifest): Promise<void> {
  const safeAddress: Address = manifest.treasurySafe.address
  const [proposals, receipts] = await withStore(context, async (store) => [
    await deleteSafeTransactions(store, { chainId, safeAddress }),
    await forgetLedger(store, { chainId, feeRouter: manifest.contracts.FeeRouter }),
  ])
  if (proposals > 0) context.io.out(`  forgot ${proposals} Safe proposals of the previous devnet`)
  if (receipts > 0) context.io.out(`  forgot ${receipts} metered receipts of the previous devnet`)
}
