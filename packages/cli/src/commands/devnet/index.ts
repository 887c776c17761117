import { DEVNET_CHAIN_ID } from '@openledger/chain'
import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parseIntegerIn } from '../../options.js'
import { waitForShutdown } from '../../shutdown.js'
import { printAccounts } from './printAccounts.js'
import { startDevnet } from './startDevnet.js'

/** `openledger devnet`: the devnet alone, behind a JSON-RPC server until Ctrl-C. */
export function devnetCommand(program: Command, context: Context): void {
  program
    .command('devnet')
    .description('Run a local EVM devnet (in-process EDR) behind a JSON-RPC server until Ctrl-C.')
    .option(
      '-p, --port <port>',
      'port to listen on (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.DEVNET_PORT,
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--chain-id <id>', 'chain id', parseIntegerIn(1, 2 ** 32 - 1), DEVNET_CHAIN_ID)
    .option('--accounts <n>', 'funded dev accounts', parseIntegerIn(1, 100), 10)
    .action(async (options: { port: number; host: string; chainId: number; accounts: number }) => {
      const server = await startDevnet(options)
      context.io.out(`Devnet (chain ${server.devnet.chainId}) listening on ${server.url}`)
      printAccounts(context, server)
      await waitForShutdown()
      await server.close()
      context.io.out('Devnet stopped.')
    })
}
