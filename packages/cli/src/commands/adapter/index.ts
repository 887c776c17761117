import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { adapterLineageCommand } from './lineage.js'
import { adapterRegisterCommand } from './register.js'
import { adapterTrainCommand } from './train.js'

/** `openledger adapter …`: train adapters, register them (with a lora-host and on-chain), read their lineage. */
export function adapterCommand(program: Command, context: Context): void {
  const adapter = program
    .command('adapter')
    .description('LoRA adapters: train on a datanet, register with a lora-host and on-chain, read lineage.')
  adapterTrainCommand(adapter, context)
  adapterRegisterCommand(adapter, context)
  adapterLineageCommand(adapter, context)
}
