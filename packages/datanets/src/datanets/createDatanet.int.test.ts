import { datanetRegistryAbi } from '@openledger/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { datanetDb } from '../store/tables.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import { createDatanet } from './createDatanet.js'
import { getDatanet } from './getDatanet.js'
import { syncDatanet } from './syncDatanet.js'

let env: DatanetTestEnv
beforeAll(async () => {
  env = await datanetTestEnv()
})
afterAll(() => env?.cleanup())

const count = () =>
  env.chain.connection.publicClient.readContract({
    address: env.registry,
    abi: datanetRegistryAbi,
    functionName: 'datanetCount',
  })

describe('createDatanet', () => {
  it('creates the datanet on-chain, reads its id from the event and mirrors it in the store', async () => {
    const before = await count()
    const datanet = await createDatanet(env.chain.connection, env.store, {
      registry: env.registry.toLowerCase() as `0x${string}`,
      account: env.chain.devnet.accounts[7]!.privateKey,
      license: 'odbl-1.0',
      metadataURI: 'ipfs://meta.json',
      name: 'defi-faq',
    })
    expect(datanet).toMatchObject({
      chainId: 31337,
      registry: env.registry,
      datanetId: before + 1n,
      curator: env.curator.address,
      license: 'ODbL-1.0',
      metadataURI: 'ipfs://meta.json',
      name: 'defi-faq',
    })
    expect(await getDatanet(env.store, datanet)).toEqual(datanet)
    const onChain = await env.chain.connection.publicClient.readContract({
      address: env.registry,
      abi: datanetRegistryAbi,
      functionName: 'datanet',
      args: [datanet.datanetId],
    })
    expect(onChain).toMatchObject({
      curator: env.curator.address,
      license: 'ODbL-1.0',
      createdAt: datanet.chainCreatedAt,
    })
  })

  it('creates for another curator when told', async () => {
    const datanet = await createDatanet(env.chain.connection, env.store, {
      registry: env.registry,
      account: env.alice,
      curator: env.bob.address,
      license: 'MIT',
      metadataURI: '',
    })
    expect(datanet.curator).toBe(env.bob.address)
  })

  it('refuses an unknown license before sending anything', async () => {
    const before = await count()
    await expect(
      createDatanet(env.chain.connection, env.store, {
        registry: env.registry,
        account: env.curator,
        license: 'Proprietary',
        metadataURI: '',
      }),
    ).rejects.toMatchObject({ name: 'UnknownLicenseError' })
    expect(await count()).toBe(before)
  })
})

describe('syncDatanet', () => {
  it('mirrors a datanet created elsewhere, and refreshes it after a curator hand-over', async () => {
    const wallet = env.chain.connection.walletClient(env.alice)
    const created = await wallet.writeContract({
      address: env.registry,
      abi: datanetRegistryAbi,
      functionName: 'createDatanet',
      args: [env.alice.address, 'CC0-1.0', 'ipfs://x'],
    })
    await env.chain.connection.publicClient.waitForTransactionReceipt({ hash: created })
    const ref = { chainId: env.chain.connection.chainId, registry: env.registry, datanetId: await count() }
    await expect(getDatanet(env.store, ref)).rejects.toMatchObject({ name: 'UnknownDatanetError' })
    expect(
      await syncDatanet(env.chain.connection, env.store, { datanet: ref, name: 'mirrored' }),
    ).toMatchObject({
      curator: env.alice.address,
      license: 'CC0-1.0',
      name: 'mirrored',
    })
    const handOver = await wallet.writeContract({
      address: env.registry,
      abi: datanetRegistryAbi,
      functionName: 'setCurator',
      args: [ref.datanetId, env.bob.address],
    })
    await env.chain.connection.publicClient.waitForTransactionReceipt({ hash: handOver })
    await syncDatanet(env.chain.connection, env.store, { datanet: ref })
    expect(await getDatanet(env.store, ref)).toMatchObject({ curator: env.bob.address, name: 'mirrored' })
  })

  it('refuses a datanet the registry does not have, or one the store has from a reset chain', async () => {
    const unknown = { ...env.datanet, datanetId: 1000n }
    await expect(syncDatanet(env.chain.connection, env.store, { datanet: unknown })).rejects.toMatchObject({
      name: 'UnknownDatanetError',
    })
    await datanetDb(env.store)
      .updateTable('datanets')
      .set({ chain_created_at: '1' })
      .where('datanet_id', '=', String(env.datanet.datanetId))
      .execute()
    const error = await syncDatanet(env.chain.connection, env.store, { datanet: env.datanet }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'DatanetStoreConflictError' })
    expect((error as Error).message).toContain('the chain was reset')
    await expect(
      syncDatanet({ ...env.chain.connection, chainId: 1 }, env.store, { datanet: env.datanet }),
    ).rejects.toMatchObject({ name: 'ChainIdMismatchError' })
  })
})
