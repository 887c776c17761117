import { connectChain } from '@openledger/chain'
import type { Command } from 'commander'
import { type Context, rpcUrlOf } from '../../context.js'
import {
  parseAddress,
  parseAddressList,
  parseIntegerIn,
  parsePrivateKey,
  parseRpcUrl,
} from '../../options.js'
import { type DeployOptions, deployWith } from './deployWith.js'

/** `openledger deploy`: the Safe contracts, the treasury Safe, OpenToken and the protocol; reused when there. */
export function deployCommand(program: Command, context: Context): void {
  program
    .command('deploy')
    .description('Deploy the Safe contracts, the treasury Safe and OpenToken; reuses a matching deployment.')
    .option('--rpc-url <url>', 'JSON-RPC URL (default: RPC_URL, else the local devnet)', parseRpcUrl)
    .option(
      '--private-key <key>',
      'deployer key (default: OPENLEDGER_PRIVATE_KEY; dev account 0 on the devnet)',
      parsePrivateKey,
    )
    .option('--dev-account <n>', 'deploy from this dev account (devnet only)', parseIntegerIn(0, 99))
    .option(
      '--owners <addresses>',
      'treasury Safe owners, comma-separated (devnet: dev accounts 0-2)',
      parseAddressList,
    )
    .option('--threshold <n>', 'signatures the treasury Safe needs (devnet: 2)', parseIntegerIn(1, 100))
    .option(
      '--settler <address>',
      'the account that settles fee epochs (devnet: dev account 9)',
      parseAddress,
    )
    .option(
      '--genesis <file>',
      'genesis allocation table, JSON: [{label, holder|"treasury", amount in OPEN}]',
    )
    .option('--salt-nonce <nonce>', 'salt for the treasury Safe address', '0')
    .option('--redeploy', 'deploy anew when the manifest names addresses without code')
    .action(async (options: DeployOptions) => {
      const rpcUrl = rpcUrlOf(context, options.rpcUrl)
      const connection = await connectChain({ rpc: rpcUrl })
      context.io.out(`Deploying to chain ${connection.chainId} at ${rpcUrl}`)
      const { manifest, path, reused } = await deployWith(context, connection, options)
      context.io.out(reused ? `Reused the deployment in ${path}` : `Wrote ${path}`)
      context.io.out(
        `  treasury Safe  ${manifest.treasurySafe.address} (${manifest.treasurySafe.threshold} of ${manifest.treasurySafe.owners.length})`,
      )
      context.io.out(`  OpenToken      ${manifest.contracts.OpenToken}`)
    })
}
