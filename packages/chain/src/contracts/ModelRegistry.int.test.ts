import { datanetRegistryAbi, modelRegistryAbi } from '@openledger/contracts'
import { mockContractSignerAbi, mockContractSignerBytecode } from '@openledger/contracts/testing'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import {
  encodeFunctionData,
  getContract,
  type Hex,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
  zeroAddress,
  zeroHash,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { deployContract } from '../deploy/deployContract.js'
import { revertOf } from '../testing/revertOf.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'
import { type AdapterClaim, commitmentOf, FAR_DEADLINE, saltOf, signClaim } from './modelRegistryFixture.js'

/** Dev accounts: the curator of the datanets, an adapter creator, another creator (also a relayer). */
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
const DISPUTE_ROLE = hashOf('ADAPTER_DISPUTE_ROLE')
const DAY = 24n * 3600n

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
const { address, account, clientOf, mined, asSafe } = devnet
const registryAddress = () => devnet.env.manifest.contracts.ModelRegistry
const safe = () => devnet.env.manifest.treasurySafe.address
const registryAs = (i: number) =>
  getContract({ address: registryAddress(), abi: modelRegistryAbi, client: clientOf(i) })
const timeOf = async (receipt: TransactionReceipt) =>
  (await devnet.env.connection.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp
const eventsIn = (receipt: TransactionReceipt) =>
  parseEventLogs({ abi: modelRegistryAbi, logs: receipt.logs })
    .filter((log) => log.address.toLowerCase() === registryAddress().toLowerCase())
    .map((log) => [log.eventName, log.args])
const domain = () => ({ chainId: devnet.env.connection.chainId, registry: registryAddress() })

const claimOf = (creator: number, overrides: Partial<AdapterClaim> = {}): AdapterClaim => ({
  adapterSha256: ADAPTER,
  baseModelSha256: BASE,
  trainingRowsRoot: ROOT,
  rowCount: ROWS.length,
  datanetIds: [1n, 2n],
  uri: 'ipfs://adapter.json',
  creator: address(creator),
  deadline: FAR_DEADLINE,
  ...overrides,
})
/** Commits `claim` with `salt` (sent by `by`); returns the commitment and its receipt. */
async function commit(claim: AdapterClaim, salt: Hex, by: number = OTHER) {
  const commitment = commitmentOf(claim.creator, claim.adapterSha256, claim.trainingRowsRoot, salt)
  return { commitment, receipt: await mined(registryAs(by).write.commitAdapter([commitment])) }
}
/** The registration of `claim` signed by dev account `signer`, sent by `by`. */
async function registerCall(claim: AdapterClaim, salt: Hex, signer: number, by: number = OTHER) {
  const signature = await signClaim(account(signer), domain(), claim)
  return registryAs(by).write.registerAdapter([claim, salt, signature])
}
/** Commits, then (in the next block) registers `claim` signed by its creator `creator`, sent by `by`. */
async function register(creator: number, overrides: Partial<AdapterClaim> = {}, by: number = OTHER) {
  const claim = claimOf(creator, overrides)
  const salt = saltOf(`${creator}:${claim.adapterSha256}:${claim.uri}`)
  const committed = await commit(claim, salt, by)
  return { ...committed, receipt: await mined(registerCall(claim, salt, creator, by)) }
}
const revokeData = (adapterSha256: Hex, reason: string) =>
  encodeFunctionData({ abi: modelRegistryAbi, functionName: 'revokeAdapter', args: [adapterSha256, reason] })
const reassignData = (adapterSha256: Hex, creator: Hex, reason: string) =>
  encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: 'reassignCreator',
    args: [adapterSha256, creator, reason],
  })
const simulateAsSafe = (
  functionName: 'revokeAdapter' | 'reassignCreator',
  args: readonly [Hex, string] | readonly [Hex, Hex, string],
) =>
  devnet.env.connection.publicClient.simulateContract({
    address: registryAddress(),
    abi: modelRegistryAbi,
    functionName,
    args: args as never,
    account: safe(),
  })

describe('ModelRegistry', () => {
  it('registers an adapter from its creator’s signed claim, sent by anyone, and reads it back', async () => {
    const registry = registryAs(CREATOR)
    expect(await registry.read.adapterCount()).toBe(0n)
    // A relayer (OTHER) commits and registers; the creator recorded is the claim's signer.
    const { commitment, receipt } = await register(CREATOR, {}, OTHER)
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
    const { blockNumber } = await registry.read.committedAt([commitment])
    expect(blockNumber).toBe(receipt.blockNumber - 1n)
    expect(await registry.read.adapter([ADAPTER])).toEqual({
      creator: address(CREATOR),
      registeredAt: await timeOf(receipt),
      revokedAt: 0n,
      reassigned: false,
      baseModelSha256: BASE,
      trainingRowsRoot: ROOT,
      rowCount: ROWS.length,
      commitBlock: blockNumber,
      uri: 'ipfs://adapter.json',
      datanetIds: [1n, 2n],
    })
    expect(await registry.read.creatorOf([ADAPTER])).toBe(address(CREATOR))
    expect(await registry.read.isServable([ADAPTER])).toBe(true)
    expect(await registry.read.adapterCount()).toBe(1n)
    expect(await registry.read.ADAPTER_REVOKER_ROLE()).toBe(REVOKER_ROLE)
    expect(await registry.read.ADAPTER_DISPUTE_ROLE()).toBe(DISPUTE_ROLE)
    for (const role of [zeroHash, REVOKER_ROLE, DISPUTE_ROLE])
      expect(await registry.read.hasRole([role, safe()])).toBe(true)
    expect(await registry.read.datanetRegistry()).toBe(devnet.env.manifest.contracts.DatanetRegistry)
    expect(await registry.read.commitmentOf([address(CREATOR), ADAPTER, ROOT, saltOf('x')])).toBe(
      commitmentOf(address(CREATOR), ADAPTER, ROOT, saltOf('x')),
    )
  })

  it('takes a contract creator’s signature by ERC-1271', async () => {
    const wallet = await deployContract(devnet.env.connection, account(CREATOR), {
      abi: mockContractSignerAbi,
      bytecode: mockContractSignerBytecode,
      args: [address(CREATOR)],
    })
    const claim = { ...claimOf(CREATOR), creator: wallet }
    const salt = saltOf('wallet')
    await commit(claim, salt)
    // The owner's key signs for the wallet; the wallet is the creator.
    await mined(registerCall(claim, salt, CREATOR))
    expect(await registryAs(OTHER).read.creatorOf([ADAPTER])).toBe(wallet)
  })

  it('answers for an unknown adapter: no creator, not servable, reads revert', async () => {
    const registry = registryAs(CREATOR)
    const unknown = hashOf('unknown')
    expect(await registry.read.creatorOf([unknown])).toBe(zeroAddress)
    expect(await registry.read.isServable([unknown])).toBe(false)
    // Each read starts only when awaited: two reverting reads in flight at once leave one rejection unhandled.
    for (const read of [
      () => registry.read.adapter([unknown]),
      () => registry.read.verifyTrainingRow([unknown, ROWS[0]!, []]),
    ]) {
      expect(await revertOf(read())).toEqual({ errorName: 'ModelRegistryUnknownAdapter', args: [unknown] })
    }
  })

  it('refuses each bad claim with its own error', async () => {
    const tooMany = Array.from({ length: 17 }, () => 1n)
    const cases: [Partial<AdapterClaim>, string, readonly unknown[]][] = [
      [{ adapterSha256: zeroHash }, 'ModelRegistryZeroAdapterHash', []],
      [{ baseModelSha256: zeroHash }, 'ModelRegistryZeroBaseModelHash', [ADAPTER]],
      [{ trainingRowsRoot: zeroHash }, 'ModelRegistryZeroTrainingRowsRoot', [ADAPTER]],
      [{ rowCount: 0 }, 'ModelRegistryZeroRowCount', [ADAPTER]],
      [{ creator: zeroAddress }, 'ModelRegistryInvalidCreator', [ADAPTER, zeroAddress]],
      [{ datanetIds: [] }, 'ModelRegistryInvalidDatanetCount', [0n, 16n]],
      [{ datanetIds: tooMany }, 'ModelRegistryInvalidDatanetCount', [17n, 16n]],
      [{ datanetIds: [1n, 3n] }, 'ModelRegistryUnknownDatanet', [3n]],
      [{ datanetIds: [0n] }, 'ModelRegistryUnknownDatanet', [0n]],
      [{ datanetIds: [2n, 1n, 2n] }, 'ModelRegistryDuplicateDatanet', [2n]],
    ]
    for (const [overrides, errorName, args] of cases) {
      const call = registerCall(claimOf(CREATOR, overrides), saltOf('bad'), CREATOR)
      expect({ overrides, ...(await revertOf(call)) }).toEqual({ overrides, errorName, args })
    }
    expect(await registryAs(CREATOR).read.adapterCount()).toBe(0n)
  })

  it('refuses an expired claim, another’s signature, and a missing, too recent or expired commitment', async () => {
    const claim = claimOf(CREATOR)
    const salt = saltOf('one')
    const unknown = commitmentOf(claim.creator, ADAPTER, ROOT, salt)
    expect(await revertOf(registerCall(claim, salt, CREATOR))).toEqual({
      errorName: 'ModelRegistryUnknownCommitment',
      args: [unknown],
    })
    const { commitment, receipt } = await commit(claim, salt)
    const now = await timeOf(receipt)
    const expired = { ...claim, deadline: now }
    expect(await revertOf(registerCall(expired, salt, CREATOR))).toEqual({
      errorName: 'ModelRegistryClaimExpired',
      args: [ADAPTER, now, now + 1n],
    })
    expect(await revertOf(registerCall(claim, salt, OTHER))).toEqual({
      errorName: 'ModelRegistryInvalidSignature',
      args: [ADAPTER, address(CREATOR)],
    })
    // Signed for other lineage than the claim sent: the signature does not cover it.
    const signature = await signClaim(account(CREATOR), domain(), claim)
    const altered = { ...claim, uri: 'ipfs://other.json' }
    expect(await revertOf(registryAs(OTHER).write.registerAdapter([altered, salt, signature]))).toEqual({
      errorName: 'ModelRegistryInvalidSignature',
      args: [ADAPTER, address(CREATOR)],
    })
    // In the commitment's own block (a block mined with both, as a front-runner would send them).
    const client = devnet.testClient
    const fresh = saltOf('fresh')
    const freshCommitment = commitmentOf(claim.creator, ADAPTER, ROOT, fresh)
    await client.setAutomine(false)
    try {
      await registryAs(OTHER).write.commitAdapter([freshCommitment], { gas: 100_000n })
      // Read first: a simulation left pending across another await would reject unhandled.
      const height = await devnet.env.connection.publicClient.getBlockNumber({ cacheTime: 0 })
      const pending = devnet.env.connection.publicClient.simulateContract({
        address: registryAddress(),
        abi: modelRegistryAbi,
        functionName: 'registerAdapter',
        args: [claim, fresh, signature],
        account: address(OTHER),
        blockTag: 'pending',
      })
      expect(await revertOf(pending)).toEqual({
        errorName: 'ModelRegistryCommitmentTooRecent',
        args: [freshCommitment, height + 1n, height + 1n],
      })
    } finally {
      await client.mine({ blocks: 1 })
      await client.setAutomine(true)
    }
    await client.increaseTime({ seconds: Number(DAY) })
    await client.mine({ blocks: 1 })
    const late = registerCall(claim, salt, CREATOR)
    const revert = await revertOf(late)
    expect(revert.errorName).toBe('ModelRegistryCommitmentExpired')
    expect(revert.args.slice(0, 2)).toEqual([commitment, now + DAY])
  })

  it('refuses a zero commitment and one recorded already (its block never moves)', async () => {
    const registry = registryAs(OTHER)
    expect(await revertOf(registry.write.commitAdapter([zeroHash]))).toEqual({
      errorName: 'ModelRegistryZeroCommitment',
      args: [],
    })
    const { commitment, receipt } = await commit(claimOf(CREATOR), saltOf('once'))
    expect(eventsIn(receipt)).toEqual([['AdapterCommitted', { commitment, sender: address(OTHER) }]])
    expect(await revertOf(registryAs(CREATOR).write.commitAdapter([commitment]))).toEqual({
      errorName: 'ModelRegistryAlreadyCommitted',
      args: [commitment, receipt.blockNumber],
    })
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
    await register(CREATOR, { datanetIds: ids })
    expect((await registryAs(CREATOR).read.adapter([ADAPTER])).datanetIds).toEqual(ids)
  })

  it('refuses a second registration from a later commitment, whoever signs it', async () => {
    const first = await register(CREATOR)
    const firstBlock = first.receipt.blockNumber - 1n
    for (const i of [CREATOR, OTHER]) {
      const claim = claimOf(i, { baseModelSha256: hashOf('other-base') })
      const salt = saltOf(`again:${i}`)
      const { receipt } = await commit(claim, salt)
      expect(await revertOf(registerCall(claim, salt, i))).toEqual({
        errorName: 'ModelRegistryAdapterAlreadyRegistered',
        args: [ADAPTER, address(CREATOR), firstBlock, receipt.blockNumber],
      })
    }
    expect(await registryAs(OTHER).read.creatorOf([ADAPTER])).toBe(address(CREATOR))
  })

  it('hands an adapter to the claim of the earliest commitment', async () => {
    // The creator commits first; OTHER, having seen the hash, commits and registers before the creator does.
    const honest = claimOf(CREATOR)
    const salt = saltOf('honest')
    const { receipt: committed } = await commit(honest, salt, CREATOR)
    const squat = await register(OTHER, { uri: 'ipfs://squat.json' })
    expect(await registryAs(OTHER).read.creatorOf([ADAPTER])).toBe(address(OTHER))
    const receipt = await mined(registerCall(honest, salt, CREATOR))
    expect(eventsIn(receipt)).toEqual([
      [
        'AdapterSuperseded',
        {
          adapterSha256: ADAPTER,
          previousCreator: address(OTHER),
          previousCommitBlock: squat.receipt.blockNumber - 1n,
          commitBlock: committed.blockNumber,
        },
      ],
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
    const registry = registryAs(OTHER)
    expect(await registry.read.adapter([ADAPTER])).toMatchObject({
      creator: address(CREATOR),
      uri: 'ipfs://adapter.json',
      commitBlock: committed.blockNumber,
    })
    expect(await registry.read.adapterCount()).toBe(1n)
  })

  it('lets only the treasury Safe revoke; a revoked adapter stays readable and pays no one', async () => {
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
    expect(await registry.read.creatorOf([ADAPTER])).toBe(zeroAddress)
    expect(await registry.read.adapter([ADAPTER])).toMatchObject({
      revokedAt: await timeOf(receipt),
      creator: address(CREATOR),
    })
    expect(await registry.read.verifyTrainingRow([ADAPTER, ROWS[0]!, proofOf(ROWS[0]!)])).toBe(true)
    expect(await registry.read.adapterCount()).toBe(1n)
  })

  it('refuses a revocation of an unknown or revoked adapter, or without a reason (the Safe calling)', async () => {
    expect(await revertOf(simulateAsSafe('revokeAdapter', [ADAPTER, 'license']))).toEqual({
      errorName: 'ModelRegistryUnknownAdapter',
      args: [ADAPTER],
    })
    await register(CREATOR)
    expect(await revertOf(simulateAsSafe('revokeAdapter', [ADAPTER, '']))).toEqual({
      errorName: 'ModelRegistryEmptyReason',
      args: [],
    })
    const receipt = await asSafe(registryAddress(), revokeData(ADAPTER, 'license'))
    expect(await revertOf(simulateAsSafe('revokeAdapter', [ADAPTER, 'again']))).toEqual({
      errorName: 'ModelRegistryAdapterAlreadyRevoked',
      args: [ADAPTER, await timeOf(receipt)],
    })
  })

  it('refuses to hand a revoked adapter to an earlier commitment', async () => {
    const honest = claimOf(CREATOR)
    const salt = saltOf('early')
    await commit(honest, salt, CREATOR)
    await register(OTHER, { uri: 'ipfs://squat.json' })
    const revoked = await asSafe(registryAddress(), revokeData(ADAPTER, 'license'))
    expect(await revertOf(registerCall(honest, salt, CREATOR))).toEqual({
      errorName: 'ModelRegistryAdapterAlreadyRevoked',
      args: [ADAPTER, await timeOf(revoked)],
    })
  })

  it('lets only the treasury Safe reassign a creator, after which no claim takes the adapter over', async () => {
    const honest = claimOf(CREATOR)
    const salt = saltOf('early')
    await commit(honest, salt, CREATOR)
    await register(OTHER, { uri: 'ipfs://squat.json' })
    for (const i of [0, 1, 2, CREATOR, OTHER]) {
      const call = registryAs(i).write.reassignCreator([ADAPTER, address(i), 'mine'])
      expect(await revertOf(call)).toEqual({
        errorName: 'AccessControlUnauthorizedAccount',
        args: [address(i), DISPUTE_ROLE],
      })
    }
    const receipt = await asSafe(registryAddress(), reassignData(ADAPTER, address(2), 'dispute #7'))
    expect(eventsIn(receipt)).toEqual([
      [
        'AdapterCreatorReassigned',
        {
          adapterSha256: ADAPTER,
          previousCreator: address(OTHER),
          creator: address(2),
          reason: 'dispute #7',
        },
      ],
    ])
    const registry = registryAs(OTHER)
    expect(await registry.read.creatorOf([ADAPTER])).toBe(address(2))
    expect(await registry.read.adapter([ADAPTER])).toMatchObject({ creator: address(2), reassigned: true })
    // The Safe's decision is final: even the earliest commitment no longer takes the adapter over.
    expect(await revertOf(registerCall(honest, salt, CREATOR))).toEqual({
      errorName: 'ModelRegistryCreatorReassigned',
      args: [ADAPTER, address(2)],
    })
  })

  it('refuses a reassignment of an unknown adapter, to no one, to the same creator or without a reason', async () => {
    const to = address(CREATOR)
    expect(await revertOf(simulateAsSafe('reassignCreator', [ADAPTER, to, 'why']))).toEqual({
      errorName: 'ModelRegistryUnknownAdapter',
      args: [ADAPTER],
    })
    await register(CREATOR)
    const cases: [readonly [Hex, Hex, string], string, readonly unknown[]][] = [
      [[ADAPTER, zeroAddress, 'why'], 'ModelRegistryInvalidCreator', [ADAPTER, zeroAddress]],
      [[ADAPTER, to, 'why'], 'ModelRegistryCreatorUnchanged', [ADAPTER, to]],
      [[ADAPTER, address(OTHER), ''], 'ModelRegistryEmptyReason', []],
    ]
    for (const [args, errorName, values] of cases) {
      expect(await revertOf(simulateAsSafe('reassignCreator', args))).toEqual({ errorName, args: values })
    }
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
