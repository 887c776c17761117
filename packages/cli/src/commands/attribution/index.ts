import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { attributionExplainCommand } from './explain.js'

/** `openledger attribution …`: Proof of Attribution, explained on the command line. */
export function attributionCommand(program: Command, context: Context): void {
  const attribution = program
    .command('attribution')
    .description('Proof of Attribution: which datanet rows, and contributors, a text came from.')
  attributionExplainCommand(attribution, context)
}
