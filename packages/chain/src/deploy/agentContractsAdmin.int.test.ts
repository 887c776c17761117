import { agentRegistryAbi, agentStakingAbi, feeRouterAbi, modelRegistryAbi } from '@openledger/contracts'
import { type Abi, type Address, keccak256, toHex, zeroHash } from 'viem'
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
const [ADMIN_ROLE, PARAMETERS_ROLE, VETO_ROLE, SETTLER_ROLE] = [
  zeroHash,
  ...['PARAMETERS_ROLE', 'VETO_ROLE', 'SETTLER_ROLE'].map((role) => keccak256(toHex(role))),
]
const read = (address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  env.connection.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<unknown>

/** Every admin entry point of the Ownable agent contracts and ModelRegistry, with plausible arguments. */
const ownerCalls = () => {
  const { AgentRegistry, AgentStaking, ModelRegistry } = env.manifest.contracts
  const someone = env.devnet.accounts[8]!.address
  return [
    [AgentRegistry, agentRegistryAbi, 'transferOwnership', [someone]],
    [AgentRegistry, agentRegistryAbi, 'renounceOwnership', []],
    [AgentStaking, agentStakingAbi, 'setParams', [defaultProtocolParameters.staking]],
    [AgentStaking, agentStakingAbi, 'setFeeRouter', [someone]],
    [AgentStaking, agentStakingAbi, 'unjail', [1n]],
    [AgentStaking, agentStakingAbi, 'resolveChallenge', [1n, true, 2_000]],
    [AgentStaking, agentStakingAbi, 'transferOwnership', [someone]],
    [ModelRegistry, modelRegistryAbi, 'revokeAdapter', [`0x${'11'.repeat(32)}`, 'license']],
    [ModelRegistry, modelRegistryAbi, 'transferOwnership', [someone]],
    [ModelRegistry, modelRegistryAbi, 'renounceOwnership', []],
  ] as const
}

/** Every role-guarded FeeRouter function but postEpoch (the settler's), with the role it needs. */
const roleCalls = () => {
  const someone = env.devnet.accounts[8]!.address
  return [
    ['setSplits', [defaultProtocolParameters.splits], PARAMETERS_ROLE],
    ['setDisputeWindow', [1n], PARAMETERS_ROLE],
    ['setMinSettlerBond', [0n], PARAMETERS_ROLE],
    ['vetoEpoch', [1n, 0n], VETO_ROLE],
    ['grantRole', [SETTLER_ROLE, someone], ADMIN_ROLE],
    ['grantRole', [ADMIN_ROLE, someone], ADMIN_ROLE],
    ['revokeRole', [SETTLER_ROLE, env.config.settler], ADMIN_ROLE],
  ] as const
}

describe('the agent contracts and ModelRegistry leave every admin power with the treasury Safe', () => {
  it("are owned by the Safe (FeeRouter: every role but the settler's) and wired together", async () => {
    const { AgentRegistry, AgentStaking, FeeRouter, ModelRegistry, DatanetRegistry } = env.manifest.contracts
    const safe = env.manifest.treasurySafe.address
    for (const [address, abi] of [
      [AgentRegistry, agentRegistryAbi],
      [AgentStaking, agentStakingAbi],
      [ModelRegistry, modelRegistryAbi],
    ] as const) {
      expect(await read(address, abi, 'owner')).toBe(safe)
    }
    for (const role of [ADMIN_ROLE, PARAMETERS_ROLE, VETO_ROLE])
      expect(await read(FeeRouter, feeRouterAbi, 'hasRole', [role, safe])).toBe(true)
    expect(await read(AgentStaking, agentStakingAbi, 'feeRouter')).toBe(FeeRouter)
    expect(await read(FeeRouter, feeRouterAbi, 'hasRole', [SETTLER_ROLE, env.config.settler])).toBe(true)
    expect(await read(ModelRegistry, modelRegistryAbi, 'datanetRegistry')).toBe(DatanetRegistry)
    expect(env.manifest.settler).toBe(env.config.settler)
  })

  it.each(ACCOUNTS)('dev account %i cannot call any admin function', async (i) => {
    const account = privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
    for (const [address, abi, functionName, args] of ownerCalls()) {
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
    for (const [functionName, args, role] of roleCalls()) {
      const call = env.connection.publicClient.simulateContract({
        address: env.manifest.contracts.FeeRouter,
        abi: feeRouterAbi,
        functionName,
        args,
        account,
      } as never)
      expect({ functionName, ...(await revertOf(call)) }).toEqual({
        functionName,
        errorName: 'AccessControlUnauthorizedAccount',
        args: [account.address, role],
      })
    }
    for (const role of [ADMIN_ROLE, PARAMETERS_ROLE, VETO_ROLE])
      expect(
        await read(env.manifest.contracts.FeeRouter, feeRouterAbi, 'hasRole', [role, account.address]),
      ).toBe(false)
  })
})
