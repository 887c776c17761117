import { Command } from 'commander'
import { adapterCommand } from './commands/adapter/index.js'
import { apikeyCommand } from './commands/apikey/index.js'
import { attributionCommand } from './commands/attribution/index.js'
import { datanetCommand } from './commands/datanet/index.js'
import { deployCommand } from './commands/deploy/index.js'
import { devnetCommand } from './commands/devnet/index.js'
import { epochCommand } from './commands/epoch/index.js'
import { feesCommand } from './commands/fees/index.js'
import { keysCommand } from './commands/keys/index.js'
import { loraHostCommand } from './commands/loraHost/index.js'
import { safeCommand } from './commands/safe/index.js'
import { settlementCommands } from './commands/settlement/index.js'
import { stakingCommands } from './commands/staking/index.js'
import { upCommand } from './commands/up/index.js'
import { walletCommand } from './commands/wallet/index.js'
import type { Context } from './context.js'

/**
 * The `openledger` command tree.
 *
 * @example
 * await createProgram({ env: parseEnv(process.env), io: processIo }).parseAsync(['node', 'openledger', 'deploy'])
 */
export function createProgram(context: Context): Command {
  const program = new Command('openledger')
    .description('OpenLedger Agents: payable AI agents on a local or real EVM chain.')
    .version('0.1.0')
    .configureOutput({
      writeOut: (s) => context.io.out(s.trimEnd()),
      writeErr: (s) => context.io.err(s.trimEnd()),
    })
  upCommand(program, context)
  devnetCommand(program, context)
  deployCommand(program, context)
  safeCommand(program, context)
  loraHostCommand(program, context)
  adapterCommand(program, context)
  datanetCommand(program, context)
  attributionCommand(program, context)
  stakingCommands(program, context)
  feesCommand(program, context)
  settlementCommands(program, context)
  epochCommand(program, context)
  apikeyCommand(program, context)
  walletCommand(program, context)
  keysCommand(program, context)
  return program
}
