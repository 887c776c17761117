import { agentRegistryAbi } from '@openledger/contracts'
import { encodeFunctionData, keccak256, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  ALICE,
  CREATOR,
  hashOf,
  OPEN,
  OUTSIDER,
  SAFE_OWNERS,
  useAgentStaking,
} from './agentStakingFixture.js'

const { address, registryAs, mined, timeOf, registryEvents, newAgent, asSafe, registryAddress, treasury } =
  useAgentStaking()

describe('AgentRegistry', () => {
  it('registers agents with ids from 1, the caller as creator', async () => {
    const registry = registryAs(CREATOR)
    const adapters = [hashOf('adapter-a'), hashOf('adapter-b')]
    const receipt = await mined(registry.write.registerAgent(['ipfs://defi', adapters, OPEN(2n)]))
    expect(registryEvents(receipt)).toEqual([
      [
        'AgentRegistered',
        {
          agentId: 1n,
          creator: address(CREATOR),
          metadataURI: 'ipfs://defi',
          adapterHashes: adapters,
          feePerCall: OPEN(2n),
        },
      ],
    ])
    expect(await registry.read.agent([1n])).toEqual({
      creator: address(CREATOR),
      registeredAt: await timeOf(receipt),
      paused: false,
      feePerCall: OPEN(2n),
      metadataURI: 'ipfs://defi',
      adapterHashes: adapters,
    })
    expect(await newAgent(ALICE)).toBe(2n)
    expect(await registry.read.agentCount()).toBe(2n)
    expect(await registry.read.creatorOf([2n])).toBe(address(ALICE))
    expect(await registry.read.feeOf([1n])).toBe(OPEN(2n))
    expect(await registry.read.isPaused([1n])).toBe(false)
    const [admin, pauser] = [await registry.read.DEFAULT_ADMIN_ROLE(), await registry.read.PAUSER_ROLE()]
    expect(pauser).toBe(keccak256(toHex('PAUSER_ROLE')))
    for (const role of [admin, pauser]) expect(await registry.read.hasRole([role, treasury()])).toBe(true)
  })

  it('refuses empty metadata, too many adapters, and unknown ids', async () => {
    const registry = registryAs(CREATOR)
    expect(await revertOf(registry.write.registerAgent(['', [], 0n]))).toEqual({
      errorName: 'AgentRegistryEmptyMetadata',
      args: [],
    })
    const many = Array.from({ length: 33 }, (_, i) => hashOf(`adapter-${i}`))
    expect(await revertOf(registry.write.registerAgent(['ipfs://x', many, 0n]))).toEqual({
      errorName: 'AgentRegistryTooManyAdapters',
      args: [33n, 32n],
    })
    for (const id of [0n, 1n]) {
      expect(await revertOf(registry.read.agent([id]))).toEqual({
        errorName: 'AgentRegistryUnknownAgent',
        args: [id],
      })
    }
    expect(await revertOf(registry.write.updateAgent([1n, 'ipfs://x', [], 0n]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [1n],
    })
    expect(await revertOf(registry.write.setPaused([1n, true]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [1n],
    })
  })

  it('lets only the creator update an agent', async () => {
    const id = await newAgent()
    const update = [id, 'ipfs://v2', [hashOf('adapter-c')], OPEN(3n)] as const
    expect(await revertOf(registryAs(ALICE).write.updateAgent(update))).toEqual({
      errorName: 'AgentRegistryUnauthorized',
      args: [id, address(ALICE)],
    })
    expect(await revertOf(registryAs(CREATOR).write.updateAgent([id, '', [], 0n]))).toEqual({
      errorName: 'AgentRegistryEmptyMetadata',
      args: [],
    })
    const receipt = await mined(registryAs(CREATOR).write.updateAgent(update))
    expect(registryEvents(receipt)).toEqual([
      [
        'AgentUpdated',
        { agentId: id, metadataURI: 'ipfs://v2', adapterHashes: [hashOf('adapter-c')], feePerCall: OPEN(3n) },
      ],
    ])
    expect(await registryAs(0).read.agent([id])).toMatchObject({
      creator: address(CREATOR),
      metadataURI: 'ipfs://v2',
      adapterHashes: [hashOf('adapter-c')],
      feePerCall: OPEN(3n),
    })
  })

  it('lets the creator pause and unpause, emitting only on change', async () => {
    const id = await newAgent()
    const registry = registryAs(CREATOR)
    const paused = await mined(registry.write.setPaused([id, true]))
    expect(registryEvents(paused)).toEqual([['AgentPaused', { agentId: id, account: address(CREATOR) }]])
    expect(await registry.read.isPaused([id])).toBe(true)
    expect(registryEvents(await mined(registry.write.setPaused([id, true])))).toEqual([])
    const unpaused = await mined(registry.write.setPaused([id, false]))
    expect(registryEvents(unpaused)).toEqual([['AgentUnpaused', { agentId: id, account: address(CREATOR) }]])
    expect(await registry.read.isPaused([id])).toBe(false)
  })

  it('lets the Safe (PAUSER_ROLE) pause any agent, and no other account', async () => {
    const id = await newAgent()
    for (const i of [...SAFE_OWNERS, ALICE, OUTSIDER]) {
      expect(await revertOf(registryAs(i).write.setPaused([id, true]))).toEqual({
        errorName: 'AgentRegistryUnauthorized',
        args: [id, address(i)],
      })
    }
    const data = encodeFunctionData({ abi: agentRegistryAbi, functionName: 'setPaused', args: [id, true] })
    const receipt = await asSafe(registryAddress(), data)
    expect(registryEvents(receipt)).toEqual([['AgentPaused', { agentId: id, account: treasury() }]])
    expect(await registryAs(0).read.isPaused([id])).toBe(true)
  })

  it('holds a pause by the Safe: the creator cannot undo it (its own pause it can), until the Safe lifts it', async () => {
    const id = await newAgent()
    const pause = (paused: boolean) =>
      encodeFunctionData({ abi: agentRegistryAbi, functionName: 'setPaused', args: [id, paused] })
    await asSafe(registryAddress(), pause(true))
    expect(await registryAs(0).read.isPauseHeld([id])).toBe(true)
    // The attack: the creator unpauses what the Safe paused.
    expect(await revertOf(registryAs(CREATOR).write.setPaused([id, false]))).toEqual({
      errorName: 'AgentRegistryPauseHeld',
      args: [id, address(CREATOR)],
    })
    expect(await registryAs(0).read.isPaused([id])).toBe(true)
    // Pausing again is allowed and changes nothing; the hold stays.
    expect(registryEvents(await mined(registryAs(CREATOR).write.setPaused([id, true])))).toEqual([])
    expect(await registryAs(0).read.isPauseHeld([id])).toBe(true)

    const lifted = await asSafe(registryAddress(), pause(false))
    expect(registryEvents(lifted)).toEqual([['AgentUnpaused', { agentId: id, account: treasury() }]])
    expect(await registryAs(0).read.isPauseHeld([id])).toBe(false)
    // The creator's own pause is its own again.
    await mined(registryAs(CREATOR).write.setPaused([id, true]))
    expect(await registryAs(0).read.isPauseHeld([id])).toBe(false)
    await mined(registryAs(CREATOR).write.setPaused([id, false]))
    expect(await registryAs(0).read.isPaused([id])).toBe(false)
    await expect(registryAs(0).read.isPauseHeld([999n])).rejects.toThrow()
  })
})
