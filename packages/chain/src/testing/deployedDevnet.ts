import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ChainConnection, connectChain } from '../connectChain.js'
import { deploy } from '../deploy/deploy.js'
import { createDevnet, type Devnet } from '../devnet/createDevnet.js'
import { type DeploymentConfig, devnetDeploymentConfig } from '../devnetDefaults.js'
import type { Manifest } from '../manifest/manifest.js'

export type DeployedDevnet = {
  devnet: Devnet
  connection: ChainConnection
  manifest: Manifest
  config: DeploymentConfig
  /** A temporary `.openledger` directory, removed by `cleanup()`. */
  directory: string
  cleanup: () => void
}

/**
 * For tests: a fresh in-process devnet with the protocol deployed by the devnet defaults. `chainId` other than
 * the devnet's makes a chain where dev keys are refused (tests of that), deployed here all the same.
 *
 * @example
 * const { connection, manifest, cleanup } = await deployedDevnet()
 */
export async function deployedDevnet(options: { chainId?: number } = {}): Promise<DeployedDevnet> {
  const devnet = await createDevnet(options.chainId ? { chainId: options.chainId } : {})
  const connection = await connectChain({ rpc: devnet })
  const config = devnetDeploymentConfig(devnet.accounts)
  const directory = mkdtempSync(join(tmpdir(), 'openledger-'))
  const { manifest } = await deploy(connection, { ...config, directory })
  return {
    devnet,
    connection,
    manifest,
    config,
    directory,
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  }
}
