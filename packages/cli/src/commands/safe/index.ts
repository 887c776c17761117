import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { safeExecuteCommand } from './execute.js'
import { safeProposeCommand } from './propose.js'
import { safeSignCommand } from './sign.js'
import { safeStatusCommand } from './status.js'

/** `openledger safe propose|sign|execute|status`: treasury Safe transactions. */
export function safeCommand(program: Command, context: Context): void {
  const safe = program
    .command('safe')
    .description('Treasury Safe transactions: propose, sign, execute, status.')
  safeProposeCommand(safe, context)
  safeSignCommand(safe, context)
  safeExecuteCommand(safe, context)
  safeStatusCommand(safe, context)
}
