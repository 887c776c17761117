import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parseIntegerIn, parseRpcUrl } from '../../options.js'
import { waitForShutdown } from '../../shutdown.js'
import { defaultModelPath } from './defaultModelPath.js'
import { loraHostDefaults } from './loraHostDefaults.js'
import { type LoraHostOptions, startLoraHost } from './startLoraHost.js'

/** `openledger lora-host`: the OpenLoRA host on 127.0.0.1 until Ctrl-C. */
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
