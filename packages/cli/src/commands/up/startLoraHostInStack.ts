import { existsSync } from 'node:fs'
import type { LoraHost } from '@openledger/lora-host'
import type { Context } from '../../context.js'
import type { StackFile } from '../../stack.js'
import { loraHostDefaults } from '../loraHost/loraHostDefaults.js'
import { startLoraHost } from '../loraHost/startLoraHost.js'
import { BaseModelMissingError } from './errors.js'
import type { Stops, UpOptions } from './upOptions.js'

/** Starts lora-host (its base model was found, or named by --model); returns the host and the summary line. */
export async function startLoraHostInStack(
  context: Context,
  options: UpOptions,
  stack: StackFile,
  stops: Stops,
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
