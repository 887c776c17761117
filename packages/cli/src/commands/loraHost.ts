import { join } from 'node:path'
import { BaseError } from '@openledger/errors'
import { LoraHost, loadBaseModel, startLoraHostServer } from '@openledger/lora-host'
import { modelRegistryGuard } from '@openledger/model-factory'
import type { Command } from 'commander'
import { type Context, connectDeployment, rpcUrlOf } from '../context.js'
import { findBaseModel } from '../models.js'
import { parseIntegerIn, parseRpcUrl } from '../options.js'
import { waitForShutdown } from '../shutdown.js'

export class LoraHostPortInUseError extends BaseError {
  override name = 'LoraHostPortInUseError'
  constructor(port: number) {
    super(
      `127.0.0.1:${port} is in use; is another lora-host running? Choose another port with LORA_HOST_PORT (or --port for lora-host, --lora-port for up; 0 for any free port).`,
    )
  }
}

type LoraHostOptions = {
  model: string
  port: number
  adaptersDir?: string
  maxBatch: number
  resident: number
  maxRank: number
  /** Serve only adapters registered (and not revoked) in the deployment's ModelRegistry. */
  registeredOnly?: boolean
  rpcUrl?: string
}

/** The default base model: stories260K, found as `findBaseModel` looks for it. */
export function defaultModelPath(context: Context): string {
  return findBaseModel(context.env).path
}

/** The deployment's ModelRegistry as an adapter guard (for hosts behind paid traffic). */
async function registryGuard(context: Context, rpcUrl: string | undefined) {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, rpcUrl))
  return modelRegistryGuard(connection, manifest.contracts)
}

/** Loads the base model, opens the adapter registry and serves both on 127.0.0.1. */
export async function startLoraHost(context: Context, options: LoraHostOptions) {
  const model = await loadBaseModel(options.model)
  const adaptersDir = options.adaptersDir ?? join(context.env.OPENLEDGER_HOME, 'adapters')
  const adapterGuard = options.registeredOnly ? await registryGuard(context, options.rpcUrl) : undefined
  const host = await LoraHost.create({
    model,
    adaptersDir,
    maxBatch: options.maxBatch,
    residentAdapters: options.resident,
    maxRank: options.maxRank,
    ...(adapterGuard ? { adapterGuard } : {}),
  })
  try {
    const server = await startLoraHostServer(host, { port: options.port }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new LoraHostPortInUseError(options.port)
      throw error
    })
    return {
      host,
      server,
      adaptersDir,
      close: async () => {
        await server.close()
        await host.close()
      },
    }
  } catch (error) {
    await host.close()
    throw error
  }
}

export const loraHostDefaults = { maxBatch: 32, resident: 32, maxRank: 16 }

export function loraHostCommand(program: Command, context: Context): void {
  program
    .command('lora-host')
    .description(
      'Serve a base model and its LoRA adapters over an OpenAI-compatible HTTP API on 127.0.0.1 until Ctrl-C.',
    )
    .option(
      '--model <path>',
      'base model: a llama2.c folder (checkpoint + tok*.bin) or a Hugging Face folder (config.json, …)',
      defaultModelPath(context),
    )
    .option(
      '-p, --port <port>',
      'port to listen on (0: any free port; default LORA_HOST_PORT, else 8000)',
      parseIntegerIn(0, 65535),
      context.env.LORA_HOST_PORT,
    )
    .option('--adapters-dir <dir>', 'adapter registry folder (default: $OPENLEDGER_HOME/adapters)')
    .option(
      '--max-batch <n>',
      'requests decoded together',
      parseIntegerIn(1, 1024),
      loraHostDefaults.maxBatch,
    )
    .option(
      '--resident <n>',
      'adapters loaded in memory at once',
      parseIntegerIn(1, 4096),
      loraHostDefaults.resident,
    )
    .option('--max-rank <n>', 'highest LoRA rank accepted', parseIntegerIn(1, 1024), loraHostDefaults.maxRank)
    .option(
      '--registered-only',
      'serve only adapters registered (and not revoked) in ModelRegistry: 403 otherwise',
    )
    .option(
      '--rpc-url <url>',
      'JSON-RPC URL for --registered-only (default: RPC_URL, else the local devnet)',
      parseRpcUrl,
    )
    .action(async (options: LoraHostOptions) => {
      const { host, server, adaptersDir, close } = await startLoraHost(context, options)
      const { model } = host
      context.io.out(`lora-host listening on ${server.url}`)
      context.io.out(`  model     ${model.id} (${model.source}, sha256 ${model.sha256.slice(0, 16)}…)`)
      context.io.out(`  adapters  ${host.registry.size} registered in ${adaptersDir}`)
      if (options.registeredOnly) context.io.out('  serving   only adapters registered in ModelRegistry')
      context.io.out(`  OpenAI    ${server.url}/v1  (model "${model.id}" or "${model.id}:<adapter>")`)
      context.io.out('Press Ctrl-C to stop.')
      await waitForShutdown()
      context.io.out('Stopping…')
      await close()
      context.io.out('Stopped.')
    })
}
