import { readFileSync } from 'node:fs'
import {
  type ChainConnection,
  connectChain,
  type DeployReturnType,
  deploy,
  devAccounts,
  devnetDeploymentConfig,
  type GenesisEntry,
  parseGenesisTable,
} from '@openledger/chain'
import { BaseError } from '@openledger/errors'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type Context, type KeyOptions, resolveKey, rpcUrlOf } from '../context.js'
import { parseAddress, parseAddressList, parseIntegerIn, parsePrivateKey, parseRpcUrl } from '../options.js'

export type DeployOptions = KeyOptions & {
  rpcUrl?: string
  owners?: Address[]
  threshold?: number
  genesis?: string
  settler?: Address
  saltNonce?: string
  redeploy?: boolean
}

export class DeployConfigError extends BaseError {
  override name = 'DeployConfigError'
}

/** Deploys (or reuses) the protocol on a connected chain, with devnet defaults on chain 31337. */
export async function deployWith(
  context: Context,
  connection: ChainConnection,
  options: DeployOptions,
): Promise<DeployReturnType> {
  const devnet = connection.chainId === 31337
  const defaults = devnet ? devnetDeploymentConfig(devAccounts(10)) : undefined
  const owners = options.owners ?? defaults?.owners
  if (!owners) throw new DeployConfigError('Off the devnet, --owners is required (the treasury Safe owners).')
  const genesis = options.genesis ? readGenesis(options.genesis) : defaults?.genesis
  if (!genesis) throw new DeployConfigError('Off the devnet, --genesis <file.json> is required.')
  const settler = options.settler ?? defaults?.settler
  if (!settler)
    throw new DeployConfigError('Off the devnet, --settler <address> is required (who settles fee epochs).')
  // The devnet deploys from dev account 0 unless told otherwise.
  const deployerKey = resolveKey(context, options, connection.chainId, 'deployer', 0)
  return deploy(connection, {
    deployerKey,
    owners,
    threshold: options.threshold ?? defaults?.threshold ?? Math.floor(owners.length / 2) + 1,
    genesis,
    settler,
    directory: context.env.OPENLEDGER_HOME,
    redeploy: options.redeploy ?? false,
    ...(options.saltNonce ? { saltNonce: options.saltNonce } : {}),
    onProgress: (step) => context.io.out(`  ${step}`),
  })
}

function readGenesis(path: string): GenesisEntry[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new DeployConfigError(`Cannot read genesis file ${path}: ${(error as NodeJS.ErrnoException).code}.`)
  }
  return parseGenesisTable(text)
}

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
