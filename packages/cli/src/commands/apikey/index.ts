import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { apikeyCreateCommand } from './create.js'
import { apikeyListCommand } from './list.js'
import { apikeyRevokeCommand } from './revoke.js'

/**
 * `openledger apikey create|list|revoke`: the gateway's API keys, each bound to the prepaid account its
 * answers are charged to. The key is printed once; the store keeps only its sha256.
 */
export function apikeyCommand(program: Command, context: Context): void {
  const apikey = program
    .command('apikey')
    .description("The gateway's API keys: each charges the paid answers it asks for to one prepaid account.")
  apikeyCreateCommand(apikey, context)
  apikeyListCommand(apikey, context)
  apikeyRevokeCommand(apikey, context)
}
