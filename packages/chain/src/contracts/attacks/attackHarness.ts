import { feeRouterAbi, openTokenAbi } from '@openledger/contracts'
import {
  mockAgentFeesAbi,
  mockAgentFeesBytecode,
  mockStakerRewardsAbi,
  mockStakerRewardsBytecode,
} from '@openledger/contracts/testing'
import { type Address, getContract, type Hex, maxUint256, type TransactionReceipt } from 'viem'
import { deployContract } from '../../deploy/deployContract.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'
import {
  AGENTS,
  creatorOf,
  DISPUTE_WINDOW,
  MIN_BOND,
  OPEN,
  PARAMETERS,
  STAKED_AGENTS,
  WITHDRAWAL_DELAY,
} from '../feeRouterFixture.js'
import { buildEpoch, type Epoch, earnings, postArgs, routingArgs } from '../feeRouterSettlement.js'
import { impersonate, impersonatedClient } from './impersonated.js'

/**
 * Dev accounts in the attacks: 0 owns the treasury Safe (alone it holds no power), 3 funds the payers, 5 is
 * Mallory (an outsider with OPEN), 6 the appointed settler, 7 and 9 payers that authorised `ATTACK_CAP`, 8 a
 * victim that deposited but never authorised a charge (it never used the service).
 */
export const [SAFE_OWNER, FUNDER, MALLORY, SETTLER, PAYER, VICTIM, PAYER_2] = [0, 3, 5, 6, 7, 8, 9] as const
/** Each payer's and the victim's prepaid balance when an attack starts. */
export const PREPAID = OPEN(100n)
/** What the payers let the settler charge them: 50 OPEN a day. */
export const ATTACK_CAP = { perPeriod: OPEN(50n), period: 24n * 3600n } as const
export { DISPUTE_WINDOW, MIN_BOND, WITHDRAWAL_DELAY }

/** Router calls can revert inside the token (ERC20 errors): decode both. */
const abi = [...feeRouterAbi, ...openTokenAbi.filter((item) => item.type === 'error')]

export type AttackRouter = Awaited<ReturnType<ReturnType<typeof useAttackDevnet>['deployRouter']>>

/**
 * For the attack tests: one devnet with the protocol deployed, FeeRouter's mocked AgentRegistry and
 * AgentStaking, and funded payers. `deployRouter(bytecode)` deploys a FeeRouter from any bytecode (the real
 * build or a test-only mutant) whose roles the treasury Safe holds, bonds its settler and sets the payers up;
 * the Safe's own calls are sent as the Safe (impersonated: what a signed Safe transaction does, without the
 * signing). Every test runs inside an EVM snapshot.
 *
 * @example
 * const attacks = useAttackDevnet()
 * const router = await attacks.deployRouter(feeRouterBytecode)
 */
export function useAttackDevnet() {
  let agents: Address
  let staking: Address
  const devnet = useDeployedDevnet(async ({ env, account, address, clientOf, tokenAs, mined }) => {
    const deployer = account(0)
    const token = env.manifest.contracts.OpenToken
    agents = await deployContract(env.connection, deployer, {
      abi: mockAgentFeesAbi,
      bytecode: mockAgentFeesBytecode,
      args: [],
    })
    staking = await deployContract(env.connection, deployer, {
      abi: mockStakerRewardsAbi,
      bytecode: mockStakerRewardsBytecode,
      args: [token, env.manifest.treasurySafe.address],
    })
    const registry = getContract({ address: agents, abi: mockAgentFeesAbi, client: clientOf(0) })
    const rewards = getContract({ address: staking, abi: mockStakerRewardsAbi, client: clientOf(0) })
    for (const agentId of AGENTS) await mined(registry.write.setCreator([agentId, creatorOf(agentId)]))
    for (const agentId of STAKED_AGENTS) await mined(rewards.write.setHasStakers([agentId, true]))
    for (const i of [PAYER, VICTIM, PAYER_2])
      await mined(tokenAs(FUNDER).write.transfer([address(i), OPEN(1000n)]))
    await impersonate(devnet, env.manifest.treasurySafe.address)
  })

  async function deployRouter(bytecode: Hex) {
    const { env, address, clientOf, tokenAs, mined, testClient } = devnet
    const safe = env.manifest.treasurySafe.address
    const router = await deployContract(env.connection, devnet.account(0), {
      abi: feeRouterAbi,
      bytecode,
      args: [
        env.manifest.contracts.OpenToken,
        safe,
        agents,
        staking,
        address(SETTLER),
        PARAMETERS,
        WITHDRAWAL_DELAY,
      ],
    })
    const as = (i: number) => getContract({ address: router, abi, client: clientOf(i) })
    const asSafe = getContract({ address: router, abi, client: impersonatedClient(devnet, safe) })
    for (const i of [SETTLER, MALLORY, PAYER, VICTIM, PAYER_2])
      await mined(tokenAs(i).write.approve([router, maxUint256]))
    for (const i of [PAYER, VICTIM, PAYER_2]) await mined(as(i).write.deposit([PREPAID]))
    for (const i of [PAYER, PAYER_2])
      await mined(as(i).write.authorizeCharges([ATTACK_CAP.perPeriod, ATTACK_CAP.period]))
    await mined(as(SETTLER).write.depositBond([MIN_BOND]))

    const passTime = async (seconds: bigint) => {
      await testClient.increaseTime({ seconds: Number(seconds) })
      await testClient.mine({ blocks: 1 })
    }
    const post = (e: Epoch, by: number = SETTLER) => as(by).write.postEpoch(postArgs(e))
    const finalize = (e: Epoch, by: number = MALLORY) => as(by).write.finalizeEpoch(routingArgs(e))
    return {
      router,
      address,
      as,
      /** The treasury Safe, calling the router itself. */
      safe: asSafe,
      mined: (hash: Promise<Hex>): Promise<TransactionReceipt> => mined(hash),
      passTime,
      balanceOf: (holder: Address) => tokenAs(0).read.balanceOf([holder]),
      /** Epoch `n` charging `[dev account, amount]` pairs; contributors earn as in `earnings` unless given. */
      epoch(
        n: bigint,
        charges: readonly (readonly [number, bigint])[],
        earned?: ReadonlyMap<Address, bigint>,
      ) {
        const list = charges.map(([i, amount]) => ({ payer: address(i), amount }))
        return buildEpoch(n, list, earned ?? earnings(list))
      },
      post,
      finalize,
      /** Posts `e`, lets its window pass and finalises it. */
      async settle(e: Epoch) {
        await mined(post(e))
        await passTime(DISPUTE_WINDOW)
        await mined(finalize(e))
      },
    }
  }

  return { devnet, deployRouter }
}
