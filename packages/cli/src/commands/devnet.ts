import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { BaseError } from '@openledger/errors'
import type { Command } from 'commander'
import type { Context } from '../context.js'
import { parseIntegerIn } from '../options.js'
import { waitForShutdown } from '../shutdown.js'

export class PortInUseError extends BaseError {
  override name = 'PortInUseError'
  constructor(host: string, port: number) {
    super(
      `${host}:${port} is in use; is another devnet running? Pick another with --port (0 for any free port).`,
    )
  }
}

/** Starts the devnet server, turning a taken port into one clear error. */
export async function startDevnet(options: {
  port: number
  host: string
  chainId?: number
  accounts?: number
}) {
  try {
    return await startDevnetServer({
      port: options.port,
      host: options.host,
      ...(options.chainId ? { chainId: options.chainId } : {}),
      ...(options.accounts ? { accountCount: options.accounts } : {}),
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(options.host, options.port)
    throw error
  }
}

export function printAccounts(context: Context, server: DevnetServer): void {
  context.io.out('Accounts (from the public dev mnemonic: never send them real value):')
  for (const [i, a] of server.devnet.accounts.entries())
    context.io.out(`  (${i}) ${a.address}  ${a.privateKey}`)
}

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
    .option('--chain-id <id>', 'chain id', parseIntegerIn(1, 2 ** 32 - 1), 31337)
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
