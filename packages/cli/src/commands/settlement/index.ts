import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { claimCommand } from './claim.js'
import { settleCommand } from './settle.js'

/** The settlement commands, at the top level: `settle` (the worker) and `claim` (a contributor's rewards). */
export function settlementCommands(program: Command, context: Context): void {
  settleCommand(program, context)
  claimCommand(program, context)
}
