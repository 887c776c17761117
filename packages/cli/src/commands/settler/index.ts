import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { settlerBondCommand, settlerUnbondCommand } from './bond.js'
import { settlerProposalCommands } from './propose.js'
import { settlerStatusCommand } from './status.js'

/**
 * `openledger settler bond|unbond|status|appoint|remove|set-dispute-window|set-min-bond`: a settler's bond,
 * and the treasury Safe's proposals about settlers.
 */
export function settlerCommand(program: Command, context: Context): void {
  const settler = program
    .command('settler')
    .description(
      "Settlers: their OPEN bond (bond, unbond, status), and the treasury Safe's proposals appointing or removing them and setting the dispute window and minimum bond.",
    )
  settlerBondCommand(settler, context)
  settlerUnbondCommand(settler, context)
  settlerStatusCommand(settler, context)
  settlerProposalCommands(settler, context)
}
