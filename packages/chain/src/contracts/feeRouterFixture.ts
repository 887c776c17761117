import { feeRouterAbi, feeRouterBytecode, openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  mockAgentFeesAbi,
  mockAgentFeesBytecode,
  mockStakerRewardsAbi,
  mockStakerRewardsBytecode,
} from '@openledger/contracts/testing'
import {
  type Address,
  encodeFunctionData,
  getAddress,
  getContract,
  type Hex,
  keccak256,
  maxUint256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from 'viem'
import { deployContract } from '../deploy/deployContract.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'
import type { Epoch } from './feeRouterSettlement.js'

export const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
/** Dev accounts: a genesis holder, the settler, three payers and an outsider. */
export const [INVESTORS, SETTLER, PAYER_A, PAYER_B, PAYER_C, OUTSIDER] = [3, 6, 7, 8, 9, 5] as const
export const PAYERS = [PAYER_A, PAYER_B, PAYER_C] as const
export const HOUR = 3600n
export const DAY = 24n * HOUR
export const WITHDRAWAL_DELAY = DAY
export const DISPUTE_WINDOW = HOUR
export const MIN_BOND = OPEN(100n)
/** What the setup lets the settler charge each payer: 500 OPEN a week. */
export const CAP = { perPeriod: OPEN(500n), period: 7n * DAY } as const
/** Basis points: contributors 40%, agent creator 25%, adapter creators 15%, stakers 10%, treasury 10%. */
export const SPLITS = {
  contributors: 4000,
  agentCreator: 2500,
  adapterCreators: 1500,
  stakers: 1000,
  treasury: 1000,
} as const
export const PARAMETERS = { splits: SPLITS, disputeWindow: DISPUTE_WINDOW, minSettlerBond: MIN_BOND } as const
/** Agents 1 and 2 have stakers; agent 3 has none, so its stakers' share goes on to the treasury. */
export const AGENTS = [1n, 2n, 3n] as const
export const STAKED_AGENTS = [1n, 2n] as const
/** Fresh addresses (no keys needed: they only receive OPEN). */
export const creatorOf = (agentId: bigint) => addressOf(`creator ${agentId}`)
export const addressOf = (label: string) => getAddress(keccak256(toHex(label)).slice(0, 42))
export const ROLES = {
  admin: `0x${'00'.repeat(32)}` as Hex,
  parameters: keccak256(toHex('PARAMETERS_ROLE')),
  veto: keccak256(toHex('VETO_ROLE')),
  settler: keccak256(toHex('SETTLER_ROLE')),
} as const

/** The router's calls can revert inside the token (ERC20 errors): decode both. */
const abi = [...feeRouterAbi, ...openTokenAbi.filter((item) => item.type === 'error')]

/**
 * For FeeRouter tests: one devnet with the protocol deployed and a FeeRouter whose roles the treasury Safe
 * holds, with SETTLER appointed and bonded (`MIN_BOND`), `PARAMETERS`, wired to test-only mocks of
 * AgentRegistry (`creatorOf`) and AgentStaking (`notifyReward`). Each payer holds 1,000 OPEN, has approved
 * the router and authorised `CAP`; OUTSIDER holds OPEN too but authorised nothing. Every test runs inside an
 * EVM snapshot that is reverted afterwards.
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
      args: [token, treasury, agents, staking, address(SETTLER), PARAMETERS, WITHDRAWAL_DELAY],
    })
    const registry = getContract({ address: agents, abi: mockAgentFeesAbi, client: clientOf(0) })
    const rewards = getContract({ address: staking, abi: mockStakerRewardsAbi, client: clientOf(0) })
    for (const agentId of AGENTS) await mined(registry.write.setCreator([agentId, creatorOf(agentId)]))
    for (const agentId of STAKED_AGENTS) await mined(rewards.write.setHasStakers([agentId, true]))
    const as = (i: number) => getContract({ address: router, abi: feeRouterAbi, client: clientOf(i) })
    for (const i of [...PAYERS, OUTSIDER]) {
      if (i !== OUTSIDER) await mined(tokenAs(INVESTORS).write.transfer([address(i), OPEN(1000n)]))
      await mined(tokenAs(i).write.approve([router, maxUint256]))
    }
    for (const i of PAYERS) await mined(as(i).write.authorizeCharges([CAP.perPeriod, CAP.period]))
    await mined(tokenAs(SETTLER).write.approve([router, maxUint256]))
    await mined(as(SETTLER).write.depositBond([MIN_BOND]))
  })
  const { account, address, clientOf, tokenAs, mined } = devnet
  const env = () => devnet.env
  const routerAs = (i: number) => getContract({ address: router, abi, client: clientOf(i) })
  const stakingContract = () =>
    getContract({ address: staking, abi: mockStakerRewardsAbi, client: env().connection.publicClient })
  type Call = Parameters<typeof encodeFunctionData<typeof feeRouterAbi>>[0]
  async function passTime(seconds: bigint) {
    await devnet.testClient.increaseTime({ seconds: Number(seconds) })
    await devnet.testClient.mine({ blocks: 1 })
  }
  const post = (e: Epoch, as: number = SETTLER) =>
    routerAs(as).write.postEpoch([
      e.epoch,
      e.receiptsRoot,
      e.payouts.root,
      e.charges,
      e.agents,
      e.adapters,
      e.contributorsPaid,
    ])
  const finalize = (e: Epoch, as: number = OUTSIDER) =>
    routerAs(as).write.finalizeEpoch([e.epoch, e.agents, e.adapters])

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
    /** The block time of the latest block. */
    now: async () => (await env().connection.publicClient.getBlock()).timestamp,
    passTime,
    /** Posts `e` (from the settler unless `as` says otherwise); the transaction hash. */
    post,
    /** Finalises `e` (from OUTSIDER unless `as` says otherwise: anyone may); the transaction hash. */
    finalize,
    /** Posts `e`, lets its dispute window pass and finalises it; the finalising receipt. */
    async settle(e: Epoch) {
      await mined(post(e))
      await passTime(DISPUTE_WINDOW)
      return mined(finalize(e))
    },
    /** Executes one router call from the treasury Safe (2 of 3 owners sign); returns the receipt. */
    asSafe: (call: Omit<Call, 'abi'>) =>
      devnet.asSafe(router, encodeFunctionData({ abi: feeRouterAbi, ...call } as Call)),
    /** The router's events in a receipt, as `[eventName, args]`. */
    eventsIn: (receipt: TransactionReceipt) =>
      parseEventLogs({ abi: feeRouterAbi, logs: receipt.logs })
        .filter((log) => log.address.toLowerCase() === router.toLowerCase())
        .map((log) => [log.eventName, log.args]),
  }
}
