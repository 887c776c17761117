import { connectChain } from '@openledger/chain'
import { deleteSafeTransactions } from '@openledger/store'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, withStore } from '../context.js'
import { parseIntegerIn } from '../options.js'
import { waitForShutdown } from '../shutdown.js'
import { buildStackFile, removeStackFile, writeStackFile } from '../stack.js'
import { deployWith } from './deploy.js'
import { printAccounts, startDevnet } from './devnet.js'

export function upCommand(program: Command, context: Context): void {
  program
    .command('up')
    .description(
      'Run the whole local stack: devnet, contracts and treasury Safe; writes .openledger/stack.json.',
    )
    .option(
      '-p, --port <port>',
      'devnet port (0: any free port)',
      parseIntegerIn(0, 65535),
      context.env.DEVNET_PORT,
    )
    .option('--no-wait', 'exit once the stack is up (for scripts and tests)')
    .action(async (options: { port: number; wait: boolean }) => {
      const started = performance.now()
      const server = await startDevnet({ port: options.port, host: '127.0.0.1' })
      try {
        const connection = await connectChain({ rpc: server.url })
        context.io.out(`Devnet (chain ${connection.chainId}) on ${server.url}`)
        const { manifest, path, reused } = await deployWith(context, connection, { redeploy: true })
        if (!reused) await forgetOldProposals(context, connection.chainId, manifest.treasurySafe.address)
        const stack = buildStackFile({
          rpcUrl: server.url,
          accounts: server.devnet.accounts,
          manifest,
          manifestPath: path,
        })
        const stackPath = writeStackFile(context.env.OPENLEDGER_HOME, stack)
        const seconds = ((performance.now() - started) / 1000).toFixed(1)
        context.io.out('')
        context.io.out(`OpenLedger stack is up (${seconds} s, ${reused ? 'reused' : 'fresh'} deployment)`)
        context.io.out(`  RPC            ${server.url}  (chain ${connection.chainId})`)
        context.io.out(
          `  treasury Safe  ${manifest.treasurySafe.address}  (${manifest.treasurySafe.threshold} of ${manifest.treasurySafe.owners.length})`,
        )
        context.io.out(`  OpenToken      ${manifest.contracts.OpenToken}`)
        context.io.out(`  stack file     ${stackPath}`)
        context.io.out(`  manifest       ${path}`)
        printAccounts(context, server)
        if (options.wait) {
          context.io.out('Press Ctrl-C to stop.')
          await waitForShutdown()
          context.io.out('Stopping…')
        }
      } finally {
        removeStackFile(context.env.OPENLEDGER_HOME)
        await server.close()
      }
      context.io.out('Stopped.')
    })
}

// The devnet starts empty on every `up`: Safe proposals stored for the previous devnet describe a chain that
// no longer exists (and would hold nonces the new Safe has not used).
async function forgetOldProposals(context: Context, chainId: number, safeAddress: Address): Promise<void> {
  const forgotten = await withStore(context, (store) =>
    deleteSafeTransactions(store, { chainId, safeAddress }),
  )
  if (forgotten > 0) context.io.out(`  forgot ${forgotten} Safe proposals of the previous devnet`)
}
