import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { walletDisableModuleCommand } from './disableModule.js'
import { walletRevokeCommand } from './revoke.js'

/**
 * `openledger wallet revoke` and `wallet disable-module`: a user's Safe and the agent keys it delegates to.
 */
export function walletCommand(program: Command, context: Context): void {
  const wallet = program
    .command('wallet')
    .description("A user's Safe and the agent keys allowed to spend from it.")
  walletRevokeCommand(wallet, context)
  walletDisableModuleCommand(wallet, context)
}
