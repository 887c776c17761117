import { agentRegistryAbi, agentStakingAbi, feeRouterAbi, modelRegistryAbi } from '@openledger/contracts'
import type { Abi, Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { revertOf } from '../testing/revertOf.js'
import { defaultProtocolParameters } from './protocolParameters.js'

let env: DeployedDevnet
beforeAll(async () => {
  env = await deployedDevnet()
})
afterAll(() => env?.cleanup())

const ACCOUNTS = Array.from({ length: 10 }, (_, i) => i)
const read = (address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  env.connection.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<unknown>

/** Every admin entry point of the agent contracts and ModelRegistry, with plausible arguments. */
const adminCalls = () => {
  const { AgentRegistry, AgentStaking, FeeRouter, ModelRegistry } = env.manifest.contracts
  const someone = env.devnet.accounts[8]!.address
  return [
    [AgentRegistry, agentRegistryAbi, 'transferOwnership', [someone]],
    [AgentRegistry, agentRegistryAbi, 'renounceOwnership', []],
    [AgentStaking, agentStakingAbi, 'setParams', [defaultProtocolParameters.staking]],
    [AgentStaking, agentStakingAbi, 'setFeeRouter', [someone]],
    [AgentStaking, agentStakingAbi, 'unjail', [1n]],
    [AgentStaking, agentStakingAbi, 'resolveChallenge', [1n, true, 2_000]],
    [AgentStaking, agentStakingAbi, 'transferOwnership', [someone]],
    [FeeRouter, feeRouterAbi, 'setSplits', [defaultProtocolParameters.splits]],
    [FeeRouter, feeRouterAbi, 'setSettler', [someone]],
    [FeeRouter, feeRouterAbi, 'transferOwnership', [someone]],
    [FeeRouter, feeRouterAbi, 'renounceOwnership', []],
    [ModelRegistry, modelRegistryAbi, 'revokeAdapter', [`0x${'11'.repeat(32)}`, 'license']],
    [ModelRegistry, modelRegistryAbi, 'transferOwnership', [someone]],
    [ModelRegistry, modelRegistryAbi, 'renounceOwnership', []],
  ] as const
}

describe('the agent contracts and ModelRegistry leave every admin power with the treasury Safe', () => {
  it('are owned by the Safe and wired together', async () => {
    const { AgentRegistry, AgentStaking, FeeRouter, ModelRegistry, DatanetRegistry } = env.manifest.contracts
    const safe = env.manifest.treasurySafe.address
    for (const [address, abi] of [
      [AgentRegistry, agentRegistryAbi],
      [AgentStaking, agentStakingAbi],
      [FeeRouter, feeRouterAbi],
      [ModelRegistry, modelRegistryAbi],
    ] as const) {
      expect(await read(address, abi, 'owner')).toBe(safe)
    }
    expect(await read(AgentStaking, agentStakingAbi, 'feeRouter')).toBe(FeeRouter)
    expect(await read(FeeRouter, feeRouterAbi, 'settler')).toBe(env.config.settler)
    expect(await read(ModelRegistry, modelRegistryAbi, 'datanetRegistry')).toBe(DatanetRegistry)
    expect(env.manifest.settler).toBe(env.config.settler)
  })

  it.each(ACCOUNTS)('dev account %i cannot call any admin function', async (i) => {
    const account = privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
    for (const [address, abi, functionName, args] of adminCalls()) {
      const call = env.connection.publicClient.simulateContract({
        address,
        abi,
        functionName,
        args,
        account,
      } as never)
      const { errorName, args: errorArgs } = await revertOf(call)
      expect({ functionName, errorName, caller: errorArgs?.[0] }).toEqual({
        functionName,
        errorName: 'OwnableUnauthorizedAccount',
        caller: account.address,
      })
    }
  })
})
