import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { settlerCommand } from '../settler/index.js'
import { claimCommand } from './claim.js'
import { settleCommand } from './settle.js'

/**
 * The settlement commands, at the top level: `settle` (the worker), `claim` (a contributor's rewards) and the
 * `settler` group (bonds, and the Safe's settler proposals).
 */
export function settlementCommands(program: Command, context: Context): void {
  settleCommand(program, context)
  claimCommand(program, context)
  settlerCommand(program, context)
}
