import {
  agentRegistryBytecode,
  agentStakingBytecode,
  datanetRegistryAbi,
  datanetRegistryBytecode,
  feeRouterBytecode,
  modelRegistryAbi,
  modelRegistryBytecode,
  openTokenAbi,
  openTokenBytecode,
} from '@openledger/contracts'
import { type Address, getAddress, type Hex, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { ChainConnection } from '../connectChain.js'
import { ManifestCodeMissingError, ManifestInvalidError } from '../errors.js'
import { type GenesisEntry, validateGenesisTable } from '../genesis.js'
import { manifestPath, readManifestIfExists, writeManifest } from '../manifest/files.js'
import type { Manifest } from '../manifest/manifest.js'
import { findMissingCode } from '../manifest/verifyManifest.js'
import { deploySafeInfrastructure } from '../safe/deploySafeInfrastructure.js'
import { deployTreasurySafe, validateSafeConfig } from '../safe/deployTreasurySafe.js'
import { deployAgentContracts } from './deployAgentContracts.js'
import { deployContract } from './deployContract.js'
import { defaultProtocolParameters, type ProtocolParameters } from './protocolParameters.js'

/** Contributors' stake on a datanet stays slashable this long after they ask to unstake: 7 days. */
export const DATANET_UNBONDING_SECONDS = 7 * 24 * 60 * 60

export type DeployParameters = {
  /** Pays for every deployment; holds no power afterwards. */
  deployerKey: Hex
  /** Treasury Safe owners and threshold. */
  owners: readonly Address[]
  threshold: number
  saltNonce?: string
  genesis: readonly GenesisEntry[]
  /** The account allowed to settle fee epochs on FeeRouter (the settlement worker's key). */
  settler: Address
  /** Staking minimums, fee splits and delays; default `defaultProtocolParameters`. */
  parameters?: ProtocolParameters
  /** Where `deployments/<chainId>.json` lives; default `.openledger`. */
  directory?: string
  /** Deploy anew when the manifest's addresses have no code (a reset devnet) instead of failing. */
  redeploy?: boolean
  onProgress?: (step: string) => void
}

export type DeployReturnType = { manifest: Manifest; path: string; reused: boolean }

/**
 * Idempotent deployment of the protocol: the Safe v1.4.1 contracts, the treasury Safe, OpenToken minted
 * by the genesis table, DatanetRegistry, the agent contracts and ModelRegistry, every admin role the Safe's.
 * When `.openledger/deployments/<chainId>.json` describes this same configuration and its code is on the
 * chain, it is reused and nothing is sent. Inputs are validated before any transaction.
 *
 * @example
 * const { manifest } = await deploy(connection, { deployerKey, owners, threshold: 2, genesis })
 */
export async function deploy(
  connection: ChainConnection,
  parameters: DeployParameters,
): Promise<DeployReturnType> {
  const {
    deployerKey,
    owners,
    threshold,
    saltNonce = '0',
    genesis,
    directory,
    redeploy = false,
    settler,
  } = parameters
  const protocol = parameters.parameters ?? defaultProtocolParameters
  const progress = parameters.onProgress ?? (() => {})
  validateSafeConfig(owners, threshold)
  validateGenesisTable(genesis)
  const configHash = hashConfig({ owners, threshold, saltNonce, genesis, settler, protocol })
  const path = manifestPath(connection.chainId, directory)
  const existing = readExisting(path, redeploy, progress)
  if (existing && existing.configHash === configHash) {
    const missing = await findMissingCode(connection.publicClient, existing)
    if (missing.length === 0) return { manifest: existing, path, reused: true }
    if (!redeploy) throw new ManifestCodeMissingError(existing.chainId, missing)
    progress(`manifest ${path} is stale (no code at ${missing.length} addresses): deploying anew`)
  }

  const deployer = privateKeyToAccount(deployerKey)
  const safe = await deploySafeInfrastructure(connection, deployer, (name) => progress(`deployed ${name}`))
  const treasury = await deployTreasurySafe(connection, {
    infrastructure: safe,
    deployerKey,
    owners,
    threshold,
    saltNonce,
  })
  progress(`deployed treasury Safe ${treasury} (${threshold} of ${owners.length})`)
  const allocations = genesis.map((e) => ({
    label: e.label,
    holder: e.holder === 'treasury' ? treasury : getAddress(e.holder),
    amount: e.amount,
  }))
  const token = await deployContract(connection, deployer, {
    abi: openTokenAbi,
    bytecode: openTokenBytecode,
    args: [allocations.map((a) => a.holder), allocations.map((a) => a.amount)],
  })
  progress(`deployed OpenToken ${token}`)
  const datanetRegistry = await deployContract(connection, deployer, {
    abi: datanetRegistryAbi,
    bytecode: datanetRegistryBytecode,
    args: [token, treasury, BigInt(DATANET_UNBONDING_SECONDS)],
  })
  progress(`deployed DatanetRegistry ${datanetRegistry}`)
  const agents = await deployAgentContracts(connection, deployer, {
    token,
    treasury,
    settler,
    parameters: protocol,
  })
  progress(
    `deployed AgentRegistry ${agents.AgentRegistry}, AgentStaking ${agents.AgentStaking}, FeeRouter ${agents.FeeRouter}`,
  )
  // Deployed last, so the addresses of the contracts before it stay those of earlier deployments.
  const modelRegistry = await deployContract(connection, deployer, {
    abi: modelRegistryAbi,
    bytecode: modelRegistryBytecode,
    args: [treasury, datanetRegistry],
  })
  progress(`deployed ModelRegistry ${modelRegistry}`)

  const manifest: Manifest = {
    version: 1,
    chainId: connection.chainId,
    deployer: deployer.address,
    blockNumber: String(await connection.publicClient.getBlockNumber()),
    deployedAt: new Date().toISOString(),
    configHash,
    safe,
    treasurySafe: { address: treasury, owners: owners.map((o) => getAddress(o)), threshold, saltNonce },
    contracts: {
      OpenToken: token,
      DatanetRegistry: datanetRegistry,
      ModelRegistry: modelRegistry,
      ...agents,
    },
    settler: getAddress(settler),
    genesis: allocations.map((a) => ({ ...a, amount: String(a.amount) })),
  }
  writeManifest(path, manifest)
  return { manifest, path, reused: false }
}

function hashConfig(config: {
  owners: readonly Address[]
  threshold: number
  saltNonce: string
  genesis: readonly GenesisEntry[]
  settler: Address
  protocol: ProtocolParameters
}): Hex {
  const canonical = JSON.stringify({
    owners: config.owners.map((o) => getAddress(o)),
    threshold: config.threshold,
    saltNonce: config.saltNonce,
    genesis: config.genesis.map((e) => [e.label, e.holder, String(e.amount)]),
    bytecode: [
      openTokenBytecode,
      datanetRegistryBytecode,
      agentRegistryBytecode,
      agentStakingBytecode,
      feeRouterBytecode,
      modelRegistryBytecode,
    ].map((b) => keccak256(b)),
    datanetUnbonding: DATANET_UNBONDING_SECONDS,
    settler: getAddress(config.settler),
    protocol: JSON.stringify(config.protocol, (_, v) => (typeof v === 'bigint' ? String(v) : v)),
  })
  return keccak256(toHex(canonical))
}

/**
 * The manifest already at `path`. One that no longer validates (written before a contract was added) is
 * replaced when redeploying, and an error saying so otherwise.
 */
function readExisting(path: string, redeploy: boolean, progress: (message: string) => void) {
  try {
    return readManifestIfExists(path)
  } catch (error) {
    if (!(error instanceof ManifestInvalidError) || !redeploy) throw error
    progress(`manifest ${path} is outdated (${error.shortMessage}): deploying anew`)
    return undefined
  }
}
