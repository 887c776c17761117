import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parseIntegerIn } from '../../options.js'
import { runUp } from './runUp.js'
import type { UpOptions } from './upOptions.js'

/** `openledger up` (`npm start`): the whole local stack in one command. */
export function upCommand(program: Command, context: Context): void {
  program
    .command('up')
    .description(
      'Run the whole local stack: devnet, contracts and treasury Safe, lora-host with the base model; writes .openledger/stack.json.',
    )
    .option(
      '-p, --port <port>',
      'devnet port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.DEVNET_PORT,
    )
    .option(
      '--chain-id <id>',
      'the devnet’s chain id (any but 31337 refuses the public dev keys: see `openledger keys`)',
      parseIntegerIn(1, 2 ** 32 - 1),
    )
    .option(
      '--lora-port <port>',
      'lora-host port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.LORA_HOST_PORT,
    )
    .option(
      '--gateway-port <port>',
      'gateway port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.GATEWAY_PORT,
    )
    .option('--model <path>', 'base model for lora-host (default: found as the README says)')
    .option('--no-lora-host', 'do not start lora-host (nor the agents and gateway)')
    .option('--no-settlement', 'do not start the settlement worker (nor the agents and gateway)')
    .option('--no-agents', 'do not set up the example agents nor start the gateway')
    .option('--train-steps <n>', 'steps per adapter instead of each agent’s own', parseIntegerIn(1, 100_000))
    .option('--epoch-seconds <n>', 'settle an epoch at least this often', parseIntegerIn(1, 86_400), 60)
    .option('--no-wait', 'exit once the stack is up (for scripts and tests)')
    .action((options: UpOptions) => runUp(context, options))
}
