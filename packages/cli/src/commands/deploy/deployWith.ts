import { readFileSync } from 'node:fs'
import {
  type ChainConnection,
  DEVNET_CHAIN_ID,
  type DeployReturnType,
  deploy,
  devAccounts,
  devnetDeploymentConfig,
  type GenesisEntry,
  parseGenesisTable,
} from '@openledger/chain'
import type { Address } from 'viem'
import { type Context, type KeyOptions, resolveKey } from '../../context.js'
import { DeployConfigError } from './errors.js'

export type DeployOptions = KeyOptions & {
  rpcUrl?: string
  owners?: Address[]
  threshold?: number
  genesis?: string
  settler?: Address
  saltNonce?: string
  redeploy?: boolean
}

/**
 * Deploys (or reuses) the protocol on a connected chain, with devnet defaults on the devnet's chain id (DEVNET_CHAIN_ID, 31337) (its protocol
 * parameters too: a dispute window of seconds and a small settler bond).
 */
export async function deployWith(
  context: Context,
  connection: ChainConnection,
  options: DeployOptions,
): Promise<DeployReturnType> {
  const devnet = connection.chainId === DEVNET_CHAIN_ID
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
    ...(defaults ? { parameters: defaults.parameters } : {}),
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
