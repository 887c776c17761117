import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectChain } from '../connectChain.js'
import { createDevnet } from '../devnet/createDevnet.js'
import { devnetDeploymentConfig } from '../devnetDefaults.js'
import { manifestPath, readManifest } from '../manifest/files.js'
import { verifyManifest } from '../manifest/verifyManifest.js'
import { deploy } from './deploy.js'

const directories: string[] = []
afterEach(() => {
  for (const d of directories.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function setup() {
  const devnet = await createDevnet()
  const connection = await connectChain({ rpc: devnet })
  const directory = mkdtempSync(join(tmpdir(), 'openledger-deploy-'))
  directories.push(directory)
  return { devnet, connection, directory, config: devnetDeploymentConfig(devnet.accounts) }
}

describe('deploy', () => {
  it('writes a manifest, then reuses it without sending a transaction', async () => {
    const { connection, directory, config } = await setup()
    const first = await deploy(connection, { ...config, directory })
    expect(first.reused).toBe(false)
    expect(first.path).toBe(manifestPath(31337, directory))
    expect(readManifest(first.path)).toEqual(first.manifest)
    await verifyManifest(connection.publicClient, first.manifest)
    const block = await connection.publicClient.getBlockNumber()
    const second = await deploy(connection, { ...config, directory })
    expect(second).toMatchObject({ reused: true, manifest: first.manifest })
    expect(await connection.publicClient.getBlockNumber()).toBe(block)
  })

  it('fails on a manifest without code unless told to redeploy', async () => {
    const { connection, directory, config } = await setup()
    await deploy(connection, { ...config, directory })
    const reset = await connectChain({ rpc: await createDevnet() })
    await expect(deploy(reset, { ...config, directory })).rejects.toMatchObject({
      name: 'ManifestCodeMissingError',
    })
    const manifest = readManifest(manifestPath(31337, directory))
    await expect(verifyManifest(reset.publicClient, manifest)).rejects.toThrow(
      /^Deployment manifest for chain 31337 names addresses with no code on the chain: safeSingleton 0x/,
    )
    const redeployed = await deploy(reset, { ...config, directory, redeploy: true })
    expect(redeployed.reused).toBe(false)
    await verifyManifest(reset.publicClient, redeployed.manifest)
  })

  it('deploys anew when the configuration changes', async () => {
    const { connection, directory, config } = await setup()
    const first = await deploy(connection, { ...config, directory })
    const second = await deploy(connection, { ...config, threshold: 3, directory })
    expect(second.reused).toBe(false)
    expect(second.manifest.treasurySafe.threshold).toBe(3)
    expect(second.manifest.contracts.OpenToken).not.toBe(first.manifest.contracts.OpenToken)
  })

  it("deploys ModelRegistry (its roles the Safe's); a manifest from before it is refused, or replaced with --redeploy", async () => {
    const { connection, directory, config } = await setup()
    const { manifest, path } = await deploy(connection, { ...config, directory })
    expect(Object.keys(manifest.contracts)).toEqual([
      'OpenToken',
      'DatanetRegistry',
      'ModelRegistry',
      'AgentRegistry',
      'AgentStaking',
      'FeeRouter',
    ])
    const { ModelRegistry: _, ...before } = manifest.contracts
    writeFileSync(path, JSON.stringify({ ...manifest, contracts: before }))
    // The older manifest fails validation, naming what it lacks; redeploying replaces it.
    await expect(deploy(connection, { ...config, directory })).rejects.toThrow(
      `Deployment manifest ${path} is invalid: contracts.ModelRegistry: `,
    )
    const again = await deploy(connection, { ...config, directory, redeploy: true })
    expect(again.reused).toBe(false)
    expect(again.manifest.contracts.ModelRegistry).toMatch(/^0x[0-9a-fA-F]{40}$/)
  })

  it('validates the configuration before sending anything', async () => {
    const { connection, directory, config } = await setup()
    const block = await connection.publicClient.getBlockNumber()
    const bad = [
      { ...config, threshold: 4 },
      { ...config, owners: [config.owners[0]!, config.owners[0]!] },
      { ...config, genesis: config.genesis.slice(1) },
    ]
    await expect(deploy(connection, { ...bad[0]!, directory })).rejects.toThrow(
      'Invalid Safe configuration: threshold 4 must be between 1 and 3 (the owners).',
    )
    await expect(deploy(connection, { ...bad[1]!, directory })).rejects.toThrow(/owner 0x.* appears twice/)
    await expect(deploy(connection, { ...bad[2]!, directory })).rejects.toMatchObject({
      name: 'GenesisTableError',
    })
    expect(await connection.publicClient.getBlockNumber()).toBe(block)
  })
})
