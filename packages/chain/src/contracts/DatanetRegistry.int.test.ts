import { datanetRegistryAbi, datanetRegistryBytecode } from '@openledger/contracts'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Address, type Hex, keccak256, toHex, zeroAddress, zeroHash } from 'viem'
import { describe, expect, it } from 'vitest'
import { devAccounts } from '../accounts.js'
import { deployContract } from '../deploy/deployContract.js'
import { revertOf } from '../testing/revertOf.js'
import {
  ALICE,
  BOB,
  CAROL,
  CURATOR,
  hashOf,
  UNBONDING,
  useDatanetRegistry,
} from './datanetRegistryFixture.js'

const fixture = useDatanetRegistry()
const { address, account, registryAs, mined, timeOf, eventsIn, newDatanet, treasury } = fixture

describe('DatanetRegistry deployment', () => {
  it('is wired to OPEN, the treasury Safe and a 7-day unbonding period', async () => {
    const registry = registryAs(0)
    expect(await registry.read.token()).toBe(fixture.env.manifest.contracts.OpenToken)
    expect(await registry.read.treasury()).toBe(treasury())
    expect(await registry.read.unbondingPeriod()).toBe(UNBONDING)
    expect(await registry.read.datanetCount()).toBe(0n)
  })

  it.each<[string, Address, Address]>([
    ['a zero token', zeroAddress, '0x000000000000000000000000000000000000dEaD'],
    ['a zero treasury', '0x000000000000000000000000000000000000dEaD', zeroAddress],
  ])('refuses %s', async (_, token, treasuryAddress) => {
    const deploying = deployContract(fixture.env.connection, account(0), {
      abi: datanetRegistryAbi,
      bytecode: datanetRegistryBytecode,
      args: [token, treasuryAddress, UNBONDING],
    })
    expect(await revertOf(deploying, datanetRegistryAbi)).toEqual({
      errorName: 'DatanetRegistryInvalidConfig',
      args: [],
    })
  })
})

describe('createDatanet', () => {
  it('numbers datanets from 1, stores them and emits DatanetCreated; anyone may create one for a curator', async () => {
    const registry = registryAs(ALICE)
    const receipt = await mined(registry.write.createDatanet([address(CURATOR), 'CC-BY-4.0', 'ipfs://a']))
    expect(eventsIn(receipt)).toEqual([
      [
        'DatanetCreated',
        { datanetId: 1n, curator: address(CURATOR), license: 'CC-BY-4.0', metadataURI: 'ipfs://a' },
      ],
    ])
    expect(await registry.read.datanet([1n])).toEqual({
      curator: address(CURATOR),
      createdAt: await timeOf(receipt),
      batchCount: 0,
      license: 'CC-BY-4.0',
      metadataURI: 'ipfs://a',
    })
    await mined(registry.write.createDatanet([address(BOB), 'MIT', '']))
    expect(await registry.read.datanetCount()).toBe(2n)
    expect((await registry.read.datanet([2n])).curator).toBe(address(BOB))
  })

  it('refuses a zero curator and an empty license', async () => {
    const registry = registryAs(ALICE)
    expect(await revertOf(registry.write.createDatanet([zeroAddress, 'MIT', '']))).toEqual({
      errorName: 'DatanetRegistryInvalidCurator',
      args: [zeroAddress],
    })
    expect(await revertOf(registry.write.createDatanet([address(ALICE), '', '']))).toEqual({
      errorName: 'DatanetRegistryEmptyLicense',
      args: [],
    })
    expect(await registry.read.datanetCount()).toBe(0n)
  })

  it('reports unknown datanets by id', async () => {
    for (const id of [0n, 1n])
      expect(await revertOf(registryAs(0).read.datanet([id]))).toEqual({
        errorName: 'DatanetRegistryUnknownDatanet',
        args: [id],
      })
  })
})

describe('setCurator', () => {
  it('hands curation over: the new curator may commit, the old one may not', async () => {
    const id = await newDatanet()
    const receipt = await mined(registryAs(CURATOR).write.setCurator([id, address(BOB)]))
    expect(eventsIn(receipt)).toEqual([
      ['CuratorChanged', { datanetId: id, previousCurator: address(CURATOR), newCurator: address(BOB) }],
    ])
    expect((await registryAs(0).read.datanet([id])).curator).toBe(address(BOB))
    expect(await revertOf(registryAs(CURATOR).write.commitBatch([id, hashOf('r'), 1, '']))).toEqual({
      errorName: 'DatanetRegistryUnauthorizedCurator',
      args: [id, address(CURATOR)],
    })
    await mined(registryAs(BOB).write.commitBatch([id, hashOf('r'), 1, '']))
  })

  it('is for the curator only, never to the zero address, on a datanet that exists', async () => {
    const id = await newDatanet()
    expect(await revertOf(registryAs(ALICE).write.setCurator([id, address(ALICE)]))).toEqual({
      errorName: 'DatanetRegistryUnauthorizedCurator',
      args: [id, address(ALICE)],
    })
    expect(await revertOf(registryAs(CURATOR).write.setCurator([id, zeroAddress]))).toEqual({
      errorName: 'DatanetRegistryInvalidCurator',
      args: [zeroAddress],
    })
    expect(await revertOf(registryAs(CURATOR).write.setCurator([9n, address(BOB)]))).toEqual({
      errorName: 'DatanetRegistryUnknownDatanet',
      args: [9n],
    })
  })
})

describe('commitBatch and verifyRow', () => {
  const rows = [
    'Lily saw a ball.',
    'Tom ate apples.',
    'The sky was blue.',
    'Max ran fast.',
    'She was happy.',
  ].map(
    (text, i) =>
      [keccak256(toHex(`row ${i}`)), devAccounts(10)[i % 2 === 0 ? ALICE : BOB]!.address, hashOf(text)] as [
        Hex,
        Address,
        Hex,
      ],
  )
  const tree = () => StandardMerkleTree.of(rows, ['bytes32', 'address', 'bytes32'])

  it('stores each batch under the next index and emits BatchCommitted', async () => {
    const id = await newDatanet()
    const registry = registryAs(CURATOR)
    const root = tree().root as Hex
    const receipt = await mined(registry.write.commitBatch([id, root, 5, 'ipfs://batch0']))
    expect(eventsIn(receipt)).toEqual([
      ['BatchCommitted', { datanetId: id, batchIndex: 0n, root, rowCount: 5, uri: 'ipfs://batch0' }],
    ])
    expect(await registry.read.batch([id, 0n])).toEqual({
      root,
      rowCount: 5,
      committedAt: await timeOf(receipt),
      uri: 'ipfs://batch0',
    })
    await mined(registry.write.commitBatch([id, hashOf('second'), 1, '']))
    expect((await registry.read.datanet([id])).batchCount).toBe(2)
    expect((await registry.read.batch([id, 1n])).root).toBe(hashOf('second'))
    expect(await revertOf(registry.read.batch([id, 2n]))).toEqual({
      errorName: 'DatanetRegistryUnknownBatch',
      args: [id, 2n],
    })
  })

  it('verifies every row of a StandardMerkleTree batch, and nothing else', async () => {
    const id = await newDatanet()
    const registry = registryAs(CURATOR)
    const batch = tree()
    await mined(registry.write.commitBatch([id, batch.root as Hex, rows.length, '']))
    for (const [i, [rowId, contributor, contentHash]] of batch.entries()) {
      const proof = batch.getProof(i) as Hex[]
      expect(await registry.read.verifyRow([id, 0n, rowId, contributor, contentHash, proof])).toBe(true)
      expect(await registry.read.verifyRow([id, 0n, rowId, address(CAROL), contentHash, proof])).toBe(false)
      expect(await registry.read.verifyRow([id, 0n, rowId, contributor, hashOf('other'), proof])).toBe(false)
      expect(await registry.read.verifyRow([id, 0n, hashOf('other'), contributor, contentHash, proof])).toBe(
        false,
      )
      expect(await registry.read.verifyRow([id, 0n, rowId, contributor, contentHash, proof.slice(1)])).toBe(
        false,
      )
    }
    const [rowId, contributor, contentHash] = rows[0]!
    expect(await revertOf(registry.read.verifyRow([id, 1n, rowId, contributor, contentHash, []]))).toEqual({
      errorName: 'DatanetRegistryUnknownBatch',
      args: [id, 1n],
    })
  })

  it('is for the curator only, with a non-zero root never used before and at least one row', async () => {
    const [id, other] = [await newDatanet(), await newDatanet()]
    const registry = registryAs(CURATOR)
    const root = hashOf('root')
    expect(await revertOf(registryAs(ALICE).write.commitBatch([id, root, 1, '']))).toEqual({
      errorName: 'DatanetRegistryUnauthorizedCurator',
      args: [id, address(ALICE)],
    })
    expect(await revertOf(registry.write.commitBatch([id, zeroHash, 1, '']))).toEqual({
      errorName: 'DatanetRegistryInvalidBatch',
      args: [zeroHash, 1],
    })
    expect(await revertOf(registry.write.commitBatch([id, root, 0, '']))).toEqual({
      errorName: 'DatanetRegistryInvalidBatch',
      args: [root, 0],
    })
    await mined(registry.write.commitBatch([id, root, 1, '']))
    for (const datanet of [id, other])
      expect(await revertOf(registry.write.commitBatch([datanet, root, 1, '']))).toEqual({
        errorName: 'DatanetRegistryRootAlreadyCommitted',
        args: [root],
      })
    expect(await revertOf(registry.write.commitBatch([99n, hashOf('x'), 1, '']))).toEqual({
      errorName: 'DatanetRegistryUnknownDatanet',
      args: [99n],
    })
  })
})
