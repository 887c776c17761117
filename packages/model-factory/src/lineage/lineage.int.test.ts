import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simulateContractCall } from '@openledger/chain'
import { useDeployedDevnet } from '@openledger/chain/testing'
import { modelRegistryAbi } from '@openledger/contracts'
import { contributeRow, createDatanet, type Datanet, signContribution } from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { adapterSha256 } from '@openledger/lora-host'
import { generatePeftAdapter, tinyLlamaConfig } from '@openledger/lora-host/testing'
import { openStore } from '@openledger/store'
import { encodeFunctionData, type Hex, keccak256, toHex } from 'viem'
import { afterAll, describe, expect, it } from 'vitest'
import { commitAdapterLineage } from './commitAdapterLineage.js'
import { AdapterAlreadyRegisteredError, NotRegistryOwnerError } from './errors.js'
import { getAdapterLineage } from './getAdapterLineage.js'
import { modelRegistryAdapterCreators } from './modelRegistryAdapterCreators.js'
import { modelRegistryGuard } from './modelRegistryGuard.js'
import { registerAdapterLineage } from './registerAdapterLineage.js'
import { toLineageError } from './toLineageError.js'
import { trainingRowsTree } from './trainingRowsTree.js'
import { verifyAdapterLineage } from './verifyAdapterLineage.js'

/** Dev accounts: the datanet's curator, a contributor, two adapter creators. */
const [CURATOR, CONTRIBUTOR, CREATOR, OTHER] = [7, 8, 5, 6] as const
const BASE_MODEL = keccak256(toHex('stories260K'))
const STORIES = [
  'Lily saw a red ball.',
  'Tom ran to the park.',
  'The cat sat on the mat.',
  'It was a sunny day.',
]
const directory = mkdtempSync(join(tmpdir(), 'openledger-lineage-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

let datanet: Datanet
let rowIds: Hex[]
const devnet = useDeployedDevnet(async ({ env, account }) => {
  const store = await openStore({ databaseUrl: ':memory:', schemas: [datanetsSchema] })
  try {
    datanet = await createDatanet(env.connection, store, {
      registry: env.manifest.contracts.DatanetRegistry,
      account: account(CURATOR),
      license: 'CC-BY-4.0',
      metadataURI: 'ipfs://stories.json',
      name: 'stories',
    })
    rowIds = []
    for (const text of STORIES) {
      const content = { kind: 'text', text } as const
      const contributor = account(CONTRIBUTOR)
      const signature = await signContribution(contributor, { datanet, content, license: 'CC-BY-4.0' })
      const { row } = await contributeRow(store, {
        datanet,
        content,
        license: 'CC-BY-4.0',
        contributor: contributor.address,
        signature,
      })
      rowIds.push(row.rowId)
    }
  } finally {
    await store.close()
  }
})
const { account, address, asSafe } = devnet
const connection = () => devnet.env.connection
const contracts = () => devnet.env.manifest.contracts

/** Writes a PEFT adapter folder (deterministic per seed) and returns it with its content address. */
function writeAdapter(name: string, seed: number): { dir: string; sha256: Hex } {
  const dir = join(directory, name)
  const files = generatePeftAdapter({ config: tinyLlamaConfig, rank: 2, modules: ['q_proj', 'v_proj'], seed })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'adapter_config.json'), files.config)
  writeFileSync(join(dir, 'adapter_model.safetensors'), files.weights)
  return { dir, sha256: `0x${adapterSha256(files)}` }
}

const register = (creator: number, sha256: Hex, ids: readonly Hex[] = rowIds) =>
  registerAdapterLineage(connection(), contracts(), {
    account: account(creator),
    adapterSha256: sha256,
    baseModelSha256: BASE_MODEL,
    rowIds: ids,
    datanetIds: [datanet.datanetId],
    uri: 'ipfs://stories-lora',
  })
const blockNumber = () => connection().publicClient.getBlockNumber()

describe('adapter lineage', () => {
  it('registers the lineage of an adapter trained on datanet rows and reads it back', async () => {
    const { sha256 } = writeAdapter('registered', 1)
    const shuffled = [rowIds[2]!, rowIds[0]!, rowIds[3]!, rowIds[1]!]
    const { receipt, root } = await register(CREATOR, sha256, shuffled)
    expect(root).toBe(trainingRowsTree(rowIds).root)
    const block = await connection().publicClient.getBlock({ blockNumber: receipt.blockNumber })
    expect(await getAdapterLineage(connection(), contracts(), { adapterSha256: sha256 })).toEqual({
      creator: address(CREATOR),
      baseModelSha256: BASE_MODEL,
      trainingRowsRoot: root,
      rowCount: STORIES.length,
      registeredAt: block.timestamp,
      revoked: false,
      revokedAt: 0n,
      reassigned: false,
      commitBlock: receipt.blockNumber - 1n,
      uri: 'ipfs://stories-lora',
      datanetIds: [datanet.datanetId],
    })
    const { proofOf } = trainingRowsTree(rowIds)
    for (const rowId of rowIds) {
      const verified = await connection().publicClient.readContract({
        address: contracts().ModelRegistry,
        abi: modelRegistryAbi,
        functionName: 'verifyTrainingRow',
        args: [sha256, rowId, proofOf(rowId)],
      })
      expect(verified).toBe(true)
    }
    const unknown = keccak256(toHex('unknown adapter'))
    expect(await getAdapterLineage(connection(), contracts(), { adapterSha256: unknown })).toBeUndefined()
  })

  it('verifies an adapter folder and its rows against the chain; a tampered file is not registered', async () => {
    const { dir, sha256 } = writeAdapter('verified', 2)
    await register(CREATOR, sha256)
    const verify = (adapterDir: string, ids: readonly Hex[] = rowIds) =>
      verifyAdapterLineage(connection(), contracts(), { adapterDir, rowIds: ids })
    expect(await verify(dir, [...rowIds].reverse())).toMatchObject({
      adapterSha256: sha256,
      matches: { registered: true, trainingRows: true, notRevoked: true },
    })
    expect((await verify(dir, rowIds.slice(1))).matches).toEqual({
      registered: true,
      trainingRows: false,
      notRevoked: true,
    })

    const tampered = join(directory, 'tampered')
    cpSync(dir, tampered, { recursive: true })
    const weights = readFileSync(join(tampered, 'adapter_model.safetensors'))
    weights[weights.length - 1]! ^= 1
    writeFileSync(join(tampered, 'adapter_model.safetensors'), weights)
    const result = await verify(tampered)
    expect(result.adapterSha256).not.toBe(sha256)
    expect(result).toMatchObject({
      lineage: undefined,
      matches: { registered: false, trainingRows: false, notRevoked: false },
    })

    const revoke = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: 'revokeAdapter',
      args: [sha256, 'license withdrawn'],
    })
    // Its creator may not revoke it: ADAPTER_REVOKER_ROLE is the treasury Safe's.
    const byCreator = simulateContractCall(connection(), {
      account: account(CREATOR),
      address: contracts().ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'revokeAdapter',
      args: [sha256, 'license withdrawn'],
    }).catch((error: unknown) => {
      throw toLineageError(error)
    })
    await expect(byCreator).rejects.toBeInstanceOf(NotRegistryOwnerError)
    await expect(byCreator).rejects.toMatchObject({ account: address(CREATOR), role: 'ADAPTER_REVOKER_ROLE' })
    expect((await asSafe(contracts().ModelRegistry, revoke)).status).toBe('success')
    expect((await verify(dir)).matches).toEqual({ registered: true, trainingRows: true, notRevoked: false })
  })

  it('resolves adapter creators for settlement, leaving unknown and revoked adapters out', async () => {
    const first = writeAdapter('first', 3).sha256
    const second = writeAdapter('second', 4).sha256
    await register(CREATOR, first)
    await register(OTHER, second)
    const unknown = keccak256(toHex('never registered'))
    const creators = await modelRegistryAdapterCreators(
      connection(),
      contracts(),
    )([first, unknown, second, first])
    expect(creators).toEqual(
      new Map([
        [first, address(CREATOR)],
        [second, address(OTHER)],
      ]),
    )
    expect(await modelRegistryAdapterCreators(connection(), contracts())([])).toEqual(new Map())
    // Revoked, an adapter's creator earns nothing from then on: its share goes to the treasury.
    const revoke = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: 'revokeAdapter',
      args: [second, 'license withdrawn'],
    })
    expect((await asSafe(contracts().ModelRegistry, revoke)).status).toBe('success')
    const resolve = modelRegistryAdapterCreators(connection(), contracts())
    expect(await resolve([first, second])).toEqual(new Map([[first, address(CREATOR)]]))
    // As of a block before the revocation (an epoch posted then, verified later), it was still paid.
    const before = (await blockNumber()) - 1n
    expect(await resolve([second], { blockNumber: before })).toEqual(new Map([[second, address(OTHER)]]))
  })

  it('records the signer as creator whoever sends it, and hands a squatted adapter to the earliest commitment', async () => {
    const { sha256 } = writeAdapter('contested', 6)
    const { root } = trainingRowsTree(rowIds)
    // The creator commits before publishing the adapter; a relayer (OTHER) pays for it.
    const { salt } = await commitAdapterLineage(connection(), contracts(), {
      creator: address(CREATOR),
      sender: account(OTHER),
      adapterSha256: sha256,
      trainingRowsRoot: root,
    })
    // OTHER saw the published file and registers it as its own first.
    await register(OTHER, sha256)
    expect((await getAdapterLineage(connection(), contracts(), { adapterSha256: sha256 }))?.creator).toBe(
      address(OTHER),
    )
    const { claim } = await registerAdapterLineage(connection(), contracts(), {
      account: account(CREATOR),
      sender: account(OTHER),
      adapterSha256: sha256,
      baseModelSha256: BASE_MODEL,
      rowIds,
      datanetIds: [datanet.datanetId],
      uri: 'ipfs://stories-lora',
      salt,
    })
    expect(claim.creator).toBe(address(CREATOR))
    expect(await getAdapterLineage(connection(), contracts(), { adapterSha256: sha256 })).toMatchObject({
      creator: address(CREATOR),
      reassigned: false,
    })
    // The squatter's fresh commitment is later: refused before anything is sent.
    const error = await register(OTHER, sha256).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AdapterAlreadyRegisteredError)
    expect(error).toMatchObject({ creator: address(CREATOR) })
  })

  it('guards a host: serves a registered adapter, refuses an unknown one, and a revoked one once the cache expires', async () => {
    const { sha256 } = writeAdapter('guarded', 5)
    const guard = modelRegistryGuard(connection(), contracts(), { cacheMs: 0 })
    expect(await guard(sha256.slice(2))).toBe(false)
    await register(CREATOR, sha256)
    expect(await guard(sha256.slice(2))).toBe(true)
    expect(await guard(sha256)).toBe(true)
    expect(await guard('not a hash')).toBe(false)
    const cached = modelRegistryGuard(connection(), contracts(), { cacheMs: 60_000 })
    expect(await cached(sha256)).toBe(true)
    const revoke = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: 'revokeAdapter',
      args: [sha256, 'license withdrawn'],
    })
    expect((await asSafe(contracts().ModelRegistry, revoke)).status).toBe('success')
    expect(await guard(sha256)).toBe(false)
    expect(await cached(sha256)).toBe(true) // until its cache expires
  })

  it('throws typed errors, sending nothing, for a duplicate, an unknown datanet or no rows', async () => {
    const sha256 = keccak256(toHex('adapter'))
    await register(CREATOR, sha256)
    const before = await blockNumber()
    await expect(register(OTHER, sha256)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[AdapterAlreadyRegisteredError: Adapter 0x2b806c17d92e438548731a698c926786236ec7ffde76cc83302e3d96eccc8e95 is already registered, by 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc.]`,
    )
    await expect(
      registerAdapterLineage(connection(), contracts(), {
        account: account(CREATOR),
        adapterSha256: keccak256(toHex('another adapter')),
        baseModelSha256: BASE_MODEL,
        rowIds,
        datanetIds: [datanet.datanetId, 42n],
        uri: '',
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnknownDatanetError: Datanet 42 does not exist in the DatanetRegistry.]`,
    )
    await expect(
      register(CREATOR, keccak256(toHex('no rows')), []),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EmptyTrainingRowsError: An adapter needs at least one training row.]`,
    )
    await expect(register(CREATOR, '0x1234')).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidLineageHashError: adapterSha256 must be a non-zero 32-byte hash, got 0x1234.]`,
    )
    const names = await Promise.all(
      [register(OTHER, sha256), register(CREATOR, keccak256(toHex('x')), [])].map((p) =>
        p.then(
          () => 'resolved',
          (error: Error) => error.name,
        ),
      ),
    )
    expect(names).toEqual(['AdapterAlreadyRegisteredError', 'EmptyTrainingRowsError'])
    expect(await blockNumber()).toBe(before)
  })
})
