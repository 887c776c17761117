import { datanetRegistryAbi, modelRegistryAbi } from '@openledger/contracts'
import { encodeFunctionData, getContract, type Hex, keccak256, toHex } from 'viem'
import { expect } from 'vitest'
import { revertOf } from '../../testing/revertOf.js'
import { type AdapterClaim, commitmentOf, FAR_DEADLINE, saltOf, signClaim } from '../modelRegistryFixture.js'
import type { Model } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
import type { RegistryAction } from './registryActions.js'
import { type ModelAdapter, type RegistryModel, registryModelOf } from './registryModel.js'
import { ROLES } from './roles.js'
import { expectRevert } from './runStakingAction.js'

/** Dev accounts acting on ModelRegistry: an honest creator, a squatter, a third account (also a relayer). */
export const REGISTRY_ACTORS = [8, 5, 6] as const
const COMMITMENT_TTL = 24n * 3600n
/** The run's adapters, by index. */
export const adapterHash = (i: number): Hex => keccak256(toHex(`invariant adapter ${i}`))
const ROOT = keccak256(toHex('invariant rows'))

/**
 * Runs one ModelRegistry action on the devnet, asserting the outcome the registry model predicts (success, or
 * the exact custom error), and updates the model when it succeeded.
 *
 * @example
 * await runRegistryAction(harness, model, { kind: 'commitAdapter', adapter: 0, actor: 0 })
 */
export async function runRegistryAction(h: ProtocolHarness, model: Model, action: RegistryAction) {
  const registry = registryModelOf(model)
  switch (action.kind) {
    case 'commitAdapter':
      return commit(h, registry, action.adapter, REGISTRY_ACTORS[action.actor]!)
    case 'registerAdapter':
      return register(h, registry, action)
    case 'revokeAdapter':
      return revoke(h, registry, action.adapter)
    case 'reassignAdapter':
      return reassign(h, registry, action)
    case 'passTime':
      await h.devnet.testClient.increaseTime({ seconds: Number(action.hours * 3600n) })
      await h.devnet.testClient.mine({ blocks: 1 })
      model.clock += action.hours * 3600n
  }
}

const claimOf = (h: ProtocolHarness, adapter: number, creator: number): AdapterClaim => ({
  adapterSha256: adapterHash(adapter),
  baseModelSha256: keccak256(toHex('invariant base')),
  trainingRowsRoot: ROOT,
  rowCount: 1,
  datanetIds: [1n],
  uri: `ipfs://${creator}/${adapter}`,
  creator: h.devnet.address(creator),
  deadline: FAR_DEADLINE,
})
const timeOf = async (h: ProtocolHarness, blockNumber?: bigint) =>
  (await h.devnet.env.connection.publicClient.getBlock(blockNumber === undefined ? {} : { blockNumber }))
    .timestamp

async function commit(h: ProtocolHarness, registry: RegistryModel, adapter: number, actor: number) {
  const key = `${actor}:${adapter}`
  const list = registry.commitments.get(key) ?? []
  const salt = saltOf(`${key}:${list.length}`)
  const claim = claimOf(h, adapter, actor)
  const commitment = commitmentOf(claim.creator, claim.adapterSha256, ROOT, salt)
  const receipt = await h.devnet.mined(h.modelRegistryAs(actor).write.commitAdapter([commitment]))
  list.push({ salt, block: receipt.blockNumber, time: await timeOf(h, receipt.blockNumber) })
  registry.commitments.set(key, list)
}

async function register(
  h: ProtocolHarness,
  registry: RegistryModel,
  action: Extract<RegistryAction, { kind: 'registerAdapter' }>,
) {
  await ensureDatanet(h)
  const actor = REGISTRY_ACTORS[action.actor]!
  const sender = REGISTRY_ACTORS[action.sender]!
  const claim = claimOf(h, action.adapter, actor)
  const signer = action.claim === 'forged' ? REGISTRY_ACTORS[(action.actor + 1) % 3]! : actor
  const signature = await signClaim(h.devnet.account(signer), domainOf(h), claim)
  const now = await timeOf(h)
  // The earliest commitment of the actor still unexpired in the next block.
  const live = (registry.commitments.get(`${actor}:${action.adapter}`) ?? []).find(
    (c) => now + 1n <= c.time + COMMITMENT_TTL,
  )
  const salt = action.claim === 'uncommitted' || !live ? saltOf(`never ${now}`) : live.salt
  const write = () => h.modelRegistryAs(sender).write.registerAdapter([claim, salt, signature])
  const hash = claim.adapterSha256
  if (signer !== actor) return expectRevert(write(), 'ModelRegistryInvalidSignature', [hash, claim.creator])
  if (!live || action.claim === 'uncommitted') {
    const committed = registry.commitments.get(`${actor}:${action.adapter}`) ?? []
    const expired = action.claim !== 'uncommitted' && committed.length > 0
    // The actor's commitments all expired: the earliest one is what the registry refuses.
    if (expired) {
      const first = committed[0]!
      const commitment = commitmentOf(claim.creator, hash, ROOT, first.salt)
      const write0 = () => h.modelRegistryAs(sender).write.registerAdapter([claim, first.salt, signature])
      const { errorName, args } = await revertOf(write0())
      expect({ errorName, commitment: args[0] }).toEqual({
        errorName: 'ModelRegistryCommitmentExpired',
        commitment,
      })
      return
    }
    const commitment = commitmentOf(claim.creator, hash, ROOT, salt)
    return expectRevert(write(), 'ModelRegistryUnknownCommitment', [commitment])
  }
  const stored = registry.adapters[action.adapter]!
  const refusal = takeoverRefusal(stored, hash, live.block)
  // A revocation's time is the chain's: its name is what the model predicts.
  if (refusal?.[0] === 'ModelRegistryAdapterAlreadyRevoked') return expectErrorName(write(), refusal[0])
  if (refusal) return expectRevert(write(), refusal[0], refusal[1])
  await h.devnet.mined(write())
  Object.assign(stored, { creator: claim.creator, commitBlock: live.block })
  registry.signed.add(`${action.adapter}:${claim.creator}`)
}

/** What the registry refuses a valid claim with, for an adapter in the state `stored`. */
function takeoverRefusal(
  stored: ModelAdapter,
  hash: Hex,
  block: bigint,
): [string, readonly unknown[]] | undefined {
  if (!stored.creator) return undefined
  if (stored.revoked) return ['ModelRegistryAdapterAlreadyRevoked', [hash, 'any']]
  if (stored.reassigned) return ['ModelRegistryCreatorReassigned', [hash, stored.creator]]
  if (block >= stored.commitBlock)
    return ['ModelRegistryAdapterAlreadyRegistered', [hash, stored.creator, stored.commitBlock, block]]
  return undefined
}

async function revoke(h: ProtocolHarness, registry: RegistryModel, adapter: number) {
  const stored = registry.adapters[adapter]!
  const hash = adapterHash(adapter)
  const simulated = () =>
    h.modelRegistryAs(0).simulate.revokeAdapter([hash, 'license withdrawn'], h.fromSafe())
  if (!stored.creator) return expectRevert(simulated(), 'ModelRegistryUnknownAdapter', [hash])
  if (stored.revoked) return expectErrorName(simulated(), 'ModelRegistryAdapterAlreadyRevoked')
  const data = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: 'revokeAdapter',
    args: [hash, 'license withdrawn'],
  })
  await h.devnet.asSafe(h.devnet.env.manifest.contracts.ModelRegistry, data)
  stored.revoked = true
}

async function reassign(
  h: ProtocolHarness,
  registry: RegistryModel,
  action: Extract<RegistryAction, { kind: 'reassignAdapter' }>,
) {
  const stored = registry.adapters[action.adapter]!
  const hash = adapterHash(action.adapter)
  const to = h.devnet.address(REGISTRY_ACTORS[action.to]!)
  if (!action.bySafe) {
    // The actor reassigns the adapter to itself: only the Safe may.
    const write = () =>
      h.modelRegistryAs(REGISTRY_ACTORS[action.to]!).write.reassignCreator([hash, to, 'mine'])
    return expectRevert(write(), 'AccessControlUnauthorizedAccount', [to, ROLES.adapterDispute])
  }
  const simulated = () => h.modelRegistryAs(0).simulate.reassignCreator([hash, to, 'dispute'], h.fromSafe())
  if (!stored.creator) return expectRevert(simulated(), 'ModelRegistryUnknownAdapter', [hash])
  if (stored.creator === to) return expectRevert(simulated(), 'ModelRegistryCreatorUnchanged', [hash, to])
  const data = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: 'reassignCreator',
    args: [hash, to, 'dispute'],
  })
  await h.devnet.asSafe(h.devnet.env.manifest.contracts.ModelRegistry, data)
  Object.assign(stored, { creator: to, reassigned: true })
  registry.safeReassignments++
}

const domainOf = (h: ProtocolHarness) => ({
  chainId: h.devnet.env.connection.chainId,
  registry: h.devnet.env.manifest.contracts.ModelRegistry,
})

async function expectErrorName(call: Promise<unknown>, errorName: string) {
  expect((await revertOf(call)).errorName).toBe(errorName)
}

/** Datanet 1, which every claim names, created by dev account 7 when the run has none yet. */
async function ensureDatanet(h: ProtocolHarness) {
  const datanets = getContract({
    address: h.devnet.env.manifest.contracts.DatanetRegistry,
    abi: datanetRegistryAbi,
    client: h.devnet.clientOf(7),
  })
  if ((await datanets.read.datanetCount()) > 0n) return
  await h.devnet.mined(datanets.write.createDatanet([h.devnet.address(7), 'CC-BY-4.0', 'ipfs://rows']))
}
