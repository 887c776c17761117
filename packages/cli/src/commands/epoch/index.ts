import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { epochVerifyCommand } from './verify.js'
import { epochVetoCommand } from './veto.js'
import { epochWatchCommand } from './watch.js'

/** `openledger epoch verify|watch|veto`: re-check posted fee epochs from their published receipts, veto one. */
export function epochCommand(program: Command, context: Context): void {
  const epoch = program
    .command('epoch')
    .description('Re-check posted fee epochs against their published receipts, trusting no settler.')
  epochVerifyCommand(epoch, context)
  epochWatchCommand(epoch, context)
  epochVetoCommand(epoch, context)
}
