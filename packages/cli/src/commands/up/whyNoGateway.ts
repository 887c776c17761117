import type { LoraHost } from '@openledger/lora-host'
import type { StackFile } from '../../stack.js'
import type { UpOptions } from './upOptions.js'

/** Why `up` serves no agents: the option that turned them off, or the part they need that did not start. */
export function whyNoGateway(options: UpOptions, host: LoraHost | undefined, stack: StackFile): string {
  if (!options.agents) return '--no-agents'
  if (!host) return 'it needs lora-host'
  if (!stack.settlement) return 'it needs the settlement worker (Redis)'
  return 'unknown'
}
