import { feeRouterAbi, feeRouterBytecode, openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  mockAgentFeesAbi,
  mockAgentFeesBytecode,
  mockStakerRewardsAbi,
  mockStakerRewardsBytecode,
} from '@openledger/contracts/testing'
import {
  type Address,
  getAddress,
  getContract,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from 'viem'
import { deployContract } from '../deploy/deployContract.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'

export const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
/** Dev accounts: a genesis holder, the settler, three payers and an outsider. */
export const [INVESTORS, SETTLER, PAYER_A, PAYER_B, PAYER_C, OUTSIDER] = [3, 6, 7, 8, 9, 5] as const
export const PAYERS = [PAYER_A, PAYER_B, PAYER_C] as const
export const WITHDRAWAL_DELAY = 24n * 60n * 60n
/** Basis points: contributors 40%, agent creator 25%, adapter creators 15%, stakers 10%, treasury 10%. */
export const SPLITS = {
  contributors: 4000,
  agentCreator: 2500,
  adapterCreators: 1500,
  stakers: 1000,
  treasury: 1000,
} as const
/** Agents 1 and 2 have stakers; agent 3 has none, so its stakers' share goes on to the treasury. */
export const AGENTS = [1n, 2n, 3n] as const
export const STAKED_AGENTS = [1n, 2n] as const
/** Fresh addresses (no keys needed: they only receive OPEN). */
export const creatorOf = (agentId: bigint) => addressOf(`creator ${agentId}`)
export const addressOf = (label: string) => getAddress(keccak256(toHex(label)).slice(0, 42))

/** The router's calls can revert inside the token (ERC20 errors) or Ownable: decode all. */
const abi = [...feeRouterAbi, ...openTokenAbi.filter((item) => item.type === 'error')]

/**
 * For FeeRouter tests: one devnet with the protocol deployed, a FeeRouter owned by the treasury Safe with
 * SETTLER as settler and `SPLITS`, wired to test-only mocks of AgentRegistry (`creatorOf`) and AgentStaking
 * (`notifyReward`); each payer holds 1,000 OPEN and has approved the router. Every test runs inside an EVM
 * snapshot that is reverted afterwards.
 */
export function useFeeRouter() {
  let router: Address
  let staking: Address
  const devnet = useDeployedDevnet(async ({ env, account, address, clientOf, tokenAs, mined }) => {
    const deployer = account(0)
    const token = env.manifest.contracts.OpenToken
    const treasury = env.manifest.treasurySafe.address
    const agents = await deployContract(env.connection, deployer, {
      abi: mockAgentFeesAbi,
      bytecode: mockAgentFeesBytecode,
      args: [],
    })
    staking = await deployContract(env.connection, deployer, {
      abi: mockStakerRewardsAbi,
      bytecode: mockStakerRewardsBytecode,
      args: [token, treasury],
    })
    router = await deployContract(env.connection, deployer, {
      abi: feeRouterAbi,
      bytecode: feeRouterBytecode,
      args: [token, treasury, agents, staking, address(SETTLER), SPLITS, WITHDRAWAL_DELAY],
    })
    const registry = getContract({ address: agents, abi: mockAgentFeesAbi, client: clientOf(0) })
    const rewards = getContract({ address: staking, abi: mockStakerRewardsAbi, client: clientOf(0) })
    for (const agentId of AGENTS) await mined(registry.write.setCreator([agentId, creatorOf(agentId)]))
    for (const agentId of STAKED_AGENTS) await mined(rewards.write.setHasStakers([agentId, true]))
    for (const i of PAYERS) {
      await mined(tokenAs(INVESTORS).write.transfer([address(i), OPEN(1000n)]))
      await mined(tokenAs(i).write.approve([router, OPEN(1000n)]))
    }
  })
  const { account, address, clientOf, tokenAs, mined } = devnet
  const env = () => devnet.env
  const routerAs = (i: number) => getContract({ address: router, abi, client: clientOf(i) })
  const stakingContract = () =>
    getContract({ address: staking, abi: mockStakerRewardsAbi, client: env().connection.publicClient })

  return {
    get env() {
      return devnet.env
    },
    account,
    address,
    routerAs,
    tokenAs,
    stakingContract,
    mined,
    routerAddress: () => router,
    stakingAddress: () => staking,
    treasury: () => env().manifest.treasurySafe.address,
    balanceOf: (holder: Address) => tokenAs(0).read.balanceOf([holder]),
    async passTime(seconds: bigint) {
      await devnet.testClient.increaseTime({ seconds: Number(seconds) })
      await devnet.testClient.mine({ blocks: 1 })
    },
    /** The router's events in a receipt, as `[eventName, args]`. */
    eventsIn: (receipt: TransactionReceipt) =>
      parseEventLogs({ abi: feeRouterAbi, logs: receipt.logs })
        .filter((log) => log.address.toLowerCase() === router.toLowerCase())
        .map((log) => [log.eventName, log.args]),
  }
}
