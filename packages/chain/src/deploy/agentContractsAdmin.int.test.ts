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
const roleOf = (name: string) => keccak256(toHex(name))
const ADMIN_ROLE = zeroHash
const [PARAMETERS_ROLE, VETO_ROLE, SETTLER_ROLE] = ['PARAMETERS_ROLE', 'VETO_ROLE', 'SETTLER_ROLE'].map(
  roleOf,
)
const [CHALLENGE_RESOLVER_ROLE, PAUSER_ROLE, ADAPTER_REVOKER_ROLE] = [
  'CHALLENGE_RESOLVER_ROLE',
  'PAUSER_ROLE',
  'ADAPTER_REVOKER_ROLE',
].map(roleOf)
const read = (address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  env.connection.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<unknown>

/** Each AccessControl contract's address, ABI and the roles the treasury Safe holds on it. */
const roleHolders = () => {
  const { AgentRegistry, AgentStaking, FeeRouter, ModelRegistry } = env.manifest.contracts
  return [
    [AgentRegistry, agentRegistryAbi, [ADMIN_ROLE, PAUSER_ROLE]],
    [AgentStaking, agentStakingAbi, [ADMIN_ROLE, PARAMETERS_ROLE, CHALLENGE_RESOLVER_ROLE]],
    [FeeRouter, feeRouterAbi, [ADMIN_ROLE, PARAMETERS_ROLE, VETO_ROLE]],
    [ModelRegistry, modelRegistryAbi, [ADMIN_ROLE, ADAPTER_REVOKER_ROLE]],
  ] as const
}

/** Every role-guarded function of the agent contracts and ModelRegistry (FeeRouter's postEpoch, the
 * settler's, aside), with plausible arguments and the role it needs. */
const roleCalls = () => {
  const { AgentRegistry, AgentStaking, FeeRouter, ModelRegistry } = env.manifest.contracts
  const someone = env.devnet.accounts[8]!.address
  return [
    [AgentRegistry, agentRegistryAbi, 'grantRole', [PAUSER_ROLE, someone], ADMIN_ROLE],
    [
      AgentRegistry,
      agentRegistryAbi,
      'revokeRole',
      [PAUSER_ROLE, env.manifest.treasurySafe.address],
      ADMIN_ROLE,
    ],
    [AgentStaking, agentStakingAbi, 'setParams', [defaultProtocolParameters.staking], PARAMETERS_ROLE],
    [AgentStaking, agentStakingAbi, 'setFeeRouter', [someone], PARAMETERS_ROLE],
    [AgentStaking, agentStakingAbi, 'unjail', [1n], CHALLENGE_RESOLVER_ROLE],
    [AgentStaking, agentStakingAbi, 'resolveChallenge', [1n, true, 2_000], CHALLENGE_RESOLVER_ROLE],
    [AgentStaking, agentStakingAbi, 'grantRole', [ADMIN_ROLE, someone], ADMIN_ROLE],
    [FeeRouter, feeRouterAbi, 'setSplits', [defaultProtocolParameters.splits], PARAMETERS_ROLE],
    [FeeRouter, feeRouterAbi, 'setDisputeWindow', [1n], PARAMETERS_ROLE],
    [FeeRouter, feeRouterAbi, 'setMinSettlerBond', [0n], PARAMETERS_ROLE],
    [FeeRouter, feeRouterAbi, 'vetoEpoch', [1n, 0n], VETO_ROLE],
    [FeeRouter, feeRouterAbi, 'grantRole', [SETTLER_ROLE, someone], ADMIN_ROLE],
    [FeeRouter, feeRouterAbi, 'grantRole', [ADMIN_ROLE, someone], ADMIN_ROLE],
    [FeeRouter, feeRouterAbi, 'revokeRole', [SETTLER_ROLE, env.config.settler], ADMIN_ROLE],
    [
      ModelRegistry,
      modelRegistryAbi,
      'revokeAdapter',
      [`0x${'11'.repeat(32)}`, 'license'],
      ADAPTER_REVOKER_ROLE,
    ],
    [ModelRegistry, modelRegistryAbi, 'grantRole', [ADAPTER_REVOKER_ROLE, someone], ADMIN_ROLE],
  ] as const
}

describe('the agent contracts and ModelRegistry leave every admin power with the treasury Safe', () => {
  it("give the Safe every role (FeeRouter: all but the settler's) and are wired together", async () => {
    const { AgentStaking, FeeRouter, ModelRegistry, DatanetRegistry } = env.manifest.contracts
    const safe = env.manifest.treasurySafe.address
    for (const [address, abi, roles] of roleHolders())
      for (const role of roles)
        expect({ address, role, held: await read(address, abi, 'hasRole', [role, safe]) }).toEqual({
          address,
          role,
          held: true,
        })
    expect(await read(AgentStaking, agentStakingAbi, 'feeRouter')).toBe(FeeRouter)
    expect(await read(FeeRouter, feeRouterAbi, 'hasRole', [SETTLER_ROLE, env.config.settler])).toBe(true)
    expect(await read(ModelRegistry, modelRegistryAbi, 'datanetRegistry')).toBe(DatanetRegistry)
    expect(env.manifest.settler).toBe(env.config.settler)
  })

  it('leave the deployer no role: it wired AgentStaking, then granted the Safe every role and renounced its own', async () => {
    const deployer = env.manifest.deployer
    for (const [address, abi, roles] of roleHolders())
      for (const role of [...roles, SETTLER_ROLE])
        expect({ address, role, held: await read(address, abi, 'hasRole', [role, deployer]) }).toEqual({
          address,
          role,
          held: false,
        })
  })

  it.each(ACCOUNTS)('dev account %i holds no role and cannot call any role-guarded function', async (i) => {
    const account = privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
    for (const [address, abi, functionName, args, role] of roleCalls()) {
      const call = env.connection.publicClient.simulateContract({
        address,
        abi,
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
    for (const [address, abi, roles] of roleHolders())
      for (const role of roles)
        expect(await read(address, abi, 'hasRole', [role, account.address])).toBe(false)
  })
})
