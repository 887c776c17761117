import { modelRegistryAbi } from '@openledger/contracts'
import { parseEventLogs, zeroAddress } from 'viem'
import { expect } from 'vitest'
import type { Model } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
import { registryModelOf } from './registryModel.js'
import { adapterHash } from './runRegistryAction.js'

/**
 * ModelRegistry's invariants after each step: every adapter's creator is the signer of the claim registered
 * last or the Safe's reassignment (the model's), `creatorOf` is zero and `isServable` false from a revocation
 * on, every `AdapterRegistered` since `fromBlock` names a creator that signed that adapter's claim, and every
 * `AdapterCreatorReassigned` is one of the Safe's reassignments (no outsider reassigns).
 *
 * @example
 * await checkRegistry(harness, model, baseline.block + 1n)
 */
export async function checkRegistry(h: ProtocolHarness, model: Model, fromBlock: bigint): Promise<void> {
  const registry = registryModelOf(model)
  const lineage = h.modelRegistryAs(0)
  for (const [i, expected] of registry.adapters.entries()) {
    const hash = adapterHash(i)
    const paid = expected.creator && !expected.revoked ? expected.creator : zeroAddress
    expect(await lineage.read.creatorOf([hash]), `adapter ${i}: creatorOf`).toBe(paid)
    expect(await lineage.read.isServable([hash]), `adapter ${i}: servable`).toBe(paid !== zeroAddress)
    if (!expected.creator) continue
    const stored = await lineage.read.adapter([hash])
    expect(
      { creator: stored.creator, revoked: stored.revokedAt !== 0n, reassigned: stored.reassigned },
      `adapter ${i}`,
    ).toEqual({ creator: expected.creator, revoked: expected.revoked, reassigned: expected.reassigned })
    if (!expected.reassigned)
      expect(stored.commitBlock, `adapter ${i}: commitment`).toBe(expected.commitBlock)
  }
  const logs = await h.devnet.env.connection.publicClient.getLogs({
    address: h.devnet.env.manifest.contracts.ModelRegistry,
    fromBlock,
  })
  const events = parseEventLogs({ abi: modelRegistryAbi, logs })
  const indexOf = (hash: string) => registry.adapters.findIndex((_, i) => adapterHash(i) === hash)
  for (const event of events) {
    if (event.eventName !== 'AdapterRegistered') continue
    const signedBy = `${indexOf(event.args.adapterSha256)}:${event.args.creator}`
    expect(registry.signed.has(signedBy), `registered without its creator's claim: ${signedBy}`).toBe(true)
  }
  const reassigned = events.filter((e) => e.eventName === 'AdapterCreatorReassigned')
  expect(reassigned.length, 'reassignments, all the Safe’s').toBe(registry.safeReassignments)
}
