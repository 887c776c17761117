import { agentRegistryAbi, agentRegistryBytecode, agentStakingAbi, openTokenAbi } from '@openledger/contracts'
import {
  type Address,
  encodeAbiParameters,
  getContract,
  type Hex,
  keccak256,
  maxUint256,
  type TransactionReceipt,
  toHex,
} from 'viem'
import { deployContract } from '../../deploy/deployContract.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'
import { OPEN, PARAMS } from '../agentStakingFixture.js'
import { impersonate, impersonatedClient } from './impersonated.js'

/**
 * Dev accounts in the staking attacks: 3 funds the others, 4 is the fee router, 5 Mallory (an outsider with
 * OPEN), 6 an honest challenger, 7 the agent's creator, 8 and 9 honest stakers.
 */
export const [FUNDER, ROUTER, MALLORY, HONEST_CHALLENGER, CREATOR, ALICE, BOB] = [
  3, 4, 5, 6, 7, 8, 9,
] as const
/** The staking parameters of the AgentStaking contract tests (agentStakingFixture.ts). */
export { PARAMS as STAKING_PARAMS } from '../agentStakingFixture.js'

/** Calls can revert in the registry or the token (their custom errors): decode all three. */
const abi = [
  ...agentStakingAbi,
  ...agentRegistryAbi.filter((item) => item.type === 'error'),
  ...openTokenAbi.filter((item) => item.type === 'error'),
]

export type AttackStaking = Awaited<ReturnType<ReturnType<typeof useStakingAttackDevnet>['deployStaking']>>

/**
 * For the AgentStaking attacks: one devnet with the protocol deployed and a real AgentRegistry holding one
 * agent (created by CREATOR). `deployStaking(bytecode)` deploys an AgentStaking from any bytecode (the build
 * or a test-only mutant) whose roles and treasury are the Safe's and whose fee router is ROUTER, with CREATOR
 * and ALICE staked on the agent and everyone's OPEN approved; the Safe's own calls are sent as the Safe
 * (impersonated: what a signed Safe transaction does, without the signing).
 *
 * @example
 * const { deployStaking } = useStakingAttackDevnet()
 * const s = await deployStaking(agentStakingBytecode)
 */
export function useStakingAttackDevnet() {
  let registry: Address
  let agentId: bigint
  const devnet = useDeployedDevnet(async ({ env, account, address, tokenAs, mined, clientOf }) => {
    const safe = env.manifest.treasurySafe.address
    registry = await deployContract(env.connection, account(0), {
      abi: agentRegistryAbi,
      bytecode: agentRegistryBytecode,
      args: [safe],
    })
    const agents = getContract({ address: registry, abi: agentRegistryAbi, client: clientOf(CREATOR) })
    const args = ['ipfs://agent', [keccak256(toHex('adapter'))], OPEN(1n)] as const
    agentId = (await agents.simulate.registerAgent(args, { account: account(CREATOR) })).result
    await mined(agents.write.registerAgent(args))
    for (const i of [ROUTER, MALLORY, HONEST_CHALLENGER, CREATOR, ALICE, BOB])
      await mined(tokenAs(FUNDER).write.transfer([address(i), OPEN(1000n)]))
    await impersonate(devnet, safe)
  })

  async function deployStaking(bytecode: Hex) {
    const { env, address, account, clientOf, tokenAs, mined, testClient } = devnet
    const safe = env.manifest.treasurySafe.address
    const staking = await deployContract(devnet.env.connection, account(0), {
      abi: agentStakingAbi,
      bytecode,
      args: [env.manifest.contracts.OpenToken, registry, safe, safe, PARAMS],
    })
    const as = (i: number) => getContract({ address: staking, abi, client: clientOf(i) })
    const asSafe = getContract({ address: staking, abi, client: impersonatedClient(devnet, safe) })
    await mined(asSafe.write.setFeeRouter([address(ROUTER)]))
    for (const i of [ROUTER, MALLORY, HONEST_CHALLENGER, CREATOR, ALICE, BOB])
      await mined(tokenAs(i).write.approve([staking, maxUint256]))
    await mined(as(CREATOR).write.stake([agentId, OPEN(100n)]))
    await mined(as(ALICE).write.stake([agentId, OPEN(100n)]))

    const passTime = async (seconds: bigint) => {
      await testClient.increaseTime({ seconds: Number(seconds) })
      await testClient.mine({ blocks: 1 })
    }
    const saltOf = (who: number) => keccak256(toHex(`salt of ${who}`))
    /** `who` commits to challenging the agent with `evidence` (its own salt unless given). */
    const commit = async (who: number, evidence: Hex, salt = saltOf(who)) => {
      const commitment = keccak256(
        encodeAbiParameters(
          [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }, { type: 'bytes32' }],
          [address(who), agentId, evidence, salt],
        ),
      )
      await mined(as(who).write.commitChallenge([commitment]))
    }
    /** `who` commits, then reveals in the next block; returns the challenge id. */
    const challenge = async (who: number, evidence: Hex) => {
      await commit(who, evidence)
      const id = (await as(0).read.challengeCount()) + 1n
      await mined(as(who).write.challenge([agentId, evidence, saltOf(who)]))
      return id
    }
    return {
      staking,
      agentId,
      address,
      as,
      /** The treasury Safe, calling the contract itself. */
      safe: asSafe,
      testClient,
      publicClient: env.connection.publicClient,
      mined: (hash: Promise<Hex>): Promise<TransactionReceipt> => mined(hash),
      passTime,
      saltOf,
      commit,
      challenge,
      balanceOf: (holder: Address) => tokenAs(0).read.balanceOf([holder]),
      /** The fee router notifies `amount` of rewards to the agent's stakers, closing its reward round. */
      reward: (amount: bigint) => mined(as(ROUTER).write.notifyReward([agentId, amount])),
      /** `who` stakes `amount` and asks to unstake all of it; returns when its unbonding ends. */
      async unbonded(who: number, amount: bigint) {
        await mined(as(who).write.stake([agentId, amount]))
        await mined(as(who).write.requestUnstake([agentId, amount]))
        return (await as(0).read.positionOf([agentId, address(who)])).unbondingEnds
      },
    }
  }

  return { devnet, deployStaking }
}
