import { datanetRegistryAbi, modelRegistryAbi } from '@openledger/contracts'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import {
  encodeFunctionData,
  getContract,
  type Hex,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
  zeroHash,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'

/** Dev accounts: the curator of the datanets, an adapter creator, another creator. */
const [CURATOR, CREATOR, OTHER] = [7, 8, 9] as const
const hashOf = (text: string) => keccak256(toHex(text))
const ROWS = ['row-a', 'row-b', 'row-c', 'row-d', 'row-e'].map(hashOf)
const tree = StandardMerkleTree.of(
  ROWS.map((id) => [id]),
  ['bytes32'],
)
const ROOT = tree.root as Hex
const proofOf = (rowId: Hex) => tree.getProof([rowId]) as Hex[]
const ADAPTER = hashOf('adapter')
const BASE = hashOf('base-model')
const REVOKER_ROLE = hashOf('ADAPTER_REVOKER_ROLE')

const devnet = useDeployedDevnet(async ({ env, clientOf, mined, address }) => {
  const datanets = getContract({
    address: env.manifest.contracts.DatanetRegistry,
    abi: datanetRegistryAbi,
    client: clientOf(CURATOR),
  })
  for (const uri of ['ipfs://one', 'ipfs://two']) {
    await mined(datanets.write.createDatanet([address(CURATOR), 'CC-BY-4.0', uri]))
  }
})
const { address, clientOf, mined, asSafe } = devnet
const registryAddress = () => devnet.env.manifest.contracts.ModelRegistry
const registryAs = (i: number) =>
  getContract({ address: registryAddress(), abi: modelRegistryAbi, client: clientOf(i) })
const timeOf = async (receipt: TransactionReceipt) =>
  (await devnet.env.connection.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp
const eventsIn = (receipt: TransactionReceipt) =>
  parseEventLogs({ abi: modelRegistryAbi, logs: receipt.logs })
    .filter((log) => log.address.toLowerCase() === registryAddress().toLowerCase())
    .map((log) => [log.eventName, log.args])

type Registration = readonly [Hex, Hex, Hex, number, readonly bigint[], string]
const registration = (overrides: Partial<Record<number, unknown>> = {}): Registration => {
  const args: unknown[] = [ADAPTER, BASE, ROOT, ROWS.length, [1n, 2n], 'ipfs://adapter.json']
  for (const [i, value] of Object.entries(overrides)) args[Number(i)] = value
  return args as unknown as Registration
}
const register = (i: number, args: Registration = registration()) =>
  mined(registryAs(i).write.registerAdapter(args))
const revokeData = (adapterSha256: Hex, reason: string) =>
  encodeFunctionData({ abi: modelRegistryAbi, functionName: 'revokeAdapter', args: [adapterSha256, reason] })

describe('ModelRegistry', () => {
  it('registers an adapter with the caller as creator and reads it back', async () => {
    const registry = registryAs(CREATOR)
    expect(await registry.read.adapterCount()).toBe(0n)
    const receipt = await register(CREATOR)
    expect(eventsIn(receipt)).toEqual([
      [
        'AdapterRegistered',
        {
          adapterSha256: ADAPTER,
          creator: address(CREATOR),
          baseModelSha256: BASE,
          trainingRowsRoot: ROOT,
          rowCount: ROWS.length,
        },
      ],
    ])
    expect(await registry.read.adapter([ADAPTER])).toEqual({
      creator: address(CREATOR),
      baseModelSha256: BASE,
      trainingRowsRoot: ROOT,
      rowCount: ROWS.length,
      registeredAt: await timeOf(receipt),
      revoked: false,
      uri: 'ipfs://adapter.json',
      datanetIds: [1n, 2n],
    })
    expect(await registry.read.creatorOf([ADAPTER])).toBe(address(CREATOR))
    expect(await registry.read.isServable([ADAPTER])).toBe(true)
    expect(await registry.read.adapterCount()).toBe(1n)
    const safe = devnet.env.manifest.treasurySafe.address
    expect(await registry.read.ADAPTER_REVOKER_ROLE()).toBe(REVOKER_ROLE)
    for (const role of [zeroHash, REVOKER_ROLE]) expect(await registry.read.hasRole([role, safe])).toBe(true)
    expect(await registry.read.datanetRegistry()).toBe(devnet.env.manifest.contracts.DatanetRegistry)
  })

  it('answers for an unknown adapter: no creator, not servable, reads revert', async () => {
    const registry = registryAs(CREATOR)
    const unknown = hashOf('unknown')
    expect(await registry.read.creatorOf([unknown])).toBe('0x0000000000000000000000000000000000000000')
    expect(await registry.read.isServable([unknown])).toBe(false)
    // Each read starts only when awaited: two reverting reads in flight at once leave one rejection unhandled.
    for (const read of [
      () => registry.read.adapter([unknown]),
      () => registry.read.verifyTrainingRow([unknown, ROWS[0]!, []]),
    ]) {
      expect(await revertOf(read())).toEqual({ errorName: 'ModelRegistryUnknownAdapter', args: [unknown] })
    }
  })

  it('refuses each bad input with its own error', async () => {
    const tooMany = Array.from({ length: 17 }, () => 1n)
    const cases: [Record<number, unknown>, string, readonly unknown[]][] = [
      [{ 0: zeroHash }, 'ModelRegistryZeroAdapterHash', []],
      [{ 1: zeroHash }, 'ModelRegistryZeroBaseModelHash', [ADAPTER]],
      [{ 2: zeroHash }, 'ModelRegistryZeroTrainingRowsRoot', [ADAPTER]],
      [{ 3: 0 }, 'ModelRegistryZeroRowCount', [ADAPTER]],
      [{ 4: [] }, 'ModelRegistryInvalidDatanetCount', [0n, 16n]],
      [{ 4: tooMany }, 'ModelRegistryInvalidDatanetCount', [17n, 16n]],
      [{ 4: [1n, 3n] }, 'ModelRegistryUnknownDatanet', [3n]],
      [{ 4: [0n] }, 'ModelRegistryUnknownDatanet', [0n]],
      [{ 4: [2n, 1n, 2n] }, 'ModelRegistryDuplicateDatanet', [2n]],
    ]
    for (const [overrides, errorName, args] of cases) {
      const call = registryAs(CREATOR).write.registerAdapter(registration(overrides))
      expect({ overrides, ...(await revertOf(call)) }).toEqual({ overrides, errorName, args })
    }
    expect(await registryAs(CREATOR).read.adapterCount()).toBe(0n)
  })

  it('accepts 16 datanets, the most', async () => {
    const datanets = getContract({
      address: devnet.env.manifest.contracts.DatanetRegistry,
      abi: datanetRegistryAbi,
      client: clientOf(CURATOR),
    })
    for (let i = 0; i < 14; i++) {
      await mined(datanets.write.createDatanet([address(CURATOR), 'CC-BY-4.0', `ipfs://${i}`]))
    }
    const ids = Array.from({ length: 16 }, (_, i) => BigInt(16 - i))
    await register(CREATOR, registration({ 4: ids }))
    expect((await registryAs(CREATOR).read.adapter([ADAPTER])).datanetIds).toEqual(ids)
  })

  it('refuses to register the same adapter twice, whoever asks', async () => {
    await register(CREATOR)
    for (const i of [CREATOR, OTHER]) {
      expect(
        await revertOf(registryAs(i).write.registerAdapter(registration({ 1: hashOf('other-base') }))),
      ).toEqual({ errorName: 'ModelRegistryAdapterAlreadyRegistered', args: [ADAPTER, address(CREATOR)] })
    }
    expect(await registryAs(OTHER).read.creatorOf([ADAPTER])).toBe(address(CREATOR))
  })

  it('lets only the treasury Safe revoke; a revoked adapter stays readable', async () => {
    await register(CREATOR)
    for (const i of [0, 1, 2, CREATOR, OTHER]) {
      expect(await revertOf(registryAs(i).write.revokeAdapter([ADAPTER, 'license']))).toEqual({
        errorName: 'AccessControlUnauthorizedAccount',
        args: [address(i), REVOKER_ROLE],
      })
    }
    const receipt = await asSafe(registryAddress(), revokeData(ADAPTER, 'license withdrawn'))
    expect(eventsIn(receipt)).toEqual([
      ['AdapterRevoked', { adapterSha256: ADAPTER, reason: 'license withdrawn' }],
    ])
    const registry = registryAs(OTHER)
    expect(await registry.read.isServable([ADAPTER])).toBe(false)
    expect(await registry.read.creatorOf([ADAPTER])).toBe(address(CREATOR))
    expect(await registry.read.adapter([ADAPTER])).toMatchObject({ revoked: true, creator: address(CREATOR) })
    expect(await registry.read.verifyTrainingRow([ADAPTER, ROWS[0]!, proofOf(ROWS[0]!)])).toBe(true)
    expect(await registry.read.adapterCount()).toBe(1n)
  })

  it('refuses a revocation of an unknown or revoked adapter, or without a reason (the Safe calling)', async () => {
    const safe = devnet.env.manifest.treasurySafe.address
    const simulateAsSafe = (adapterSha256: Hex, reason: string) =>
      devnet.env.connection.publicClient.simulateContract({
        address: registryAddress(),
        abi: modelRegistryAbi,
        functionName: 'revokeAdapter',
        args: [adapterSha256, reason],
        account: safe,
      })
    expect(await revertOf(simulateAsSafe(ADAPTER, 'license'))).toEqual({
      errorName: 'ModelRegistryUnknownAdapter',
      args: [ADAPTER],
    })
    await register(CREATOR)
    expect(await revertOf(simulateAsSafe(ADAPTER, ''))).toEqual({
      errorName: 'ModelRegistryEmptyReason',
      args: [],
    })
    await asSafe(registryAddress(), revokeData(ADAPTER, 'license'))
    expect(await revertOf(simulateAsSafe(ADAPTER, 'again'))).toEqual({
      errorName: 'ModelRegistryAdapterAlreadyRevoked',
      args: [ADAPTER],
    })
  })

  it('verifies each training row by its proof, and refuses a wrong row or proof', async () => {
    await register(CREATOR)
    const registry = registryAs(OTHER)
    for (const rowId of ROWS) {
      expect(await registry.read.verifyTrainingRow([ADAPTER, rowId, proofOf(rowId)])).toBe(true)
    }
    const [first, second] = [ROWS[0]!, ROWS[1]!]
    expect(await registry.read.verifyTrainingRow([ADAPTER, hashOf('not-trained-on'), proofOf(first)])).toBe(
      false,
    )
    expect(await registry.read.verifyTrainingRow([ADAPTER, first, proofOf(second)])).toBe(false)
    expect(await registry.read.verifyTrainingRow([ADAPTER, first, []])).toBe(false)
  })
})
