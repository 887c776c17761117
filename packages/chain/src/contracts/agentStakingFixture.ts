import {
  agentRegistryAbi,
  agentRegistryBytecode,
  agentStakingAbi,
  agentStakingBytecode,
  openTokenAbi,
  WEI_PER_OPEN,
} from '@openledger/contracts'
import {
  type Address,
  encodeFunctionData,
  getContract,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from 'viem'
import { deployContract } from '../deploy/deployContract.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'

export const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
/**
 * Dev accounts: 0–2 own the treasury Safe; 3 is a genesis holder that funds the others; 4 an outsider; 5 a
 * challenger (a genesis holder); 6 the fee router (a genesis holder); 7 an agent's creator; 8 and 9 stakers.
 */
export const [SAFE_OWNERS, INVESTORS, OUTSIDER, CHALLENGER, ROUTER, CREATOR, ALICE, BOB] = [
  [0, 1, 2],
  3,
  4,
  5,
  6,
  7,
  8,
  9,
] as const
export const PARAMS = {
  unbondingPeriod: 7n * 24n * 3600n,
  minAgentStake: OPEN(100n),
  minCreatorStake: OPEN(50n),
  challengeBond: OPEN(10n),
  challengerRewardBps: 1000,
  challengePeriod: 3n * 24n * 3600n,
} as const
export type Params = {
  unbondingPeriod: bigint
  minAgentStake: bigint
  minCreatorStake: bigint
  challengeBond: bigint
  challengerRewardBps: number
  challengePeriod: bigint
}

/** Calls can revert in the registry or the token (their custom errors): decode all three. */
const stakingAbi = [
  ...agentStakingAbi,
  ...agentRegistryAbi.filter((item) => item.type === 'error'),
  ...openTokenAbi.filter((item) => item.type === 'error'),
]
const registryAbi = agentRegistryAbi
export const hashOf = (text: string) => keccak256(toHex(text))

/**
 * For AgentRegistry / AgentStaking tests: one devnet for the file with the protocol deployed, an
 * AgentRegistry and an AgentStaking (every role and the treasury: the Safe; fee router: ROUTER, set through the
 * Safe) deployed on top, CREATOR, ALICE and BOB holding 1,000 OPEN each, every test inside a reverted EVM snapshot.
 */
export function useAgentStaking() {
  let registry: Address
  let staking: Address
  const devnet = useDeployedDevnet(async ({ env, account, address, tokenAs, mined, asSafe }) => {
    const safe = env.manifest.treasurySafe.address
    registry = await deployContract(env.connection, account(0), {
      abi: agentRegistryAbi,
      bytecode: agentRegistryBytecode,
      args: [safe],
    })
    staking = await deployContract(env.connection, account(0), {
      abi: agentStakingAbi,
      bytecode: agentStakingBytecode,
      args: [env.manifest.contracts.OpenToken, registry, safe, safe, PARAMS],
    })
    await asSafe(
      staking,
      encodeFunctionData({ abi: agentStakingAbi, functionName: 'setFeeRouter', args: [address(ROUTER)] }),
    )
    for (const i of [CREATOR, ALICE, BOB])
      await mined(tokenAs(INVESTORS).write.transfer([address(i), OPEN(1000n)]))
  })
  const { account, address, clientOf, tokenAs, mined, asSafe } = devnet
  const env = () => devnet.env
  const registryAs = (i: number) => getContract({ address: registry, abi: registryAbi, client: clientOf(i) })
  const stakingAs = (i: number) => getContract({ address: staking, abi: stakingAbi, client: clientOf(i) })

  async function rewardedBy(agentId: bigint, amount: bigint): Promise<TransactionReceipt> {
    await mined(tokenAs(ROUTER).write.approve([staking, amount]))
    return mined(stakingAs(ROUTER).write.notifyReward([agentId, amount]))
  }

  const eventsOf =
    (abi: typeof agentStakingAbi | typeof agentRegistryAbi, at: () => Address) =>
    (receipt: TransactionReceipt) =>
      parseEventLogs({ abi, logs: receipt.logs })
        .filter((log) => log.address.toLowerCase() === at().toLowerCase())
        .map((log) => [log.eventName, log.args])

  return {
    get env() {
      return devnet.env
    },
    account,
    address,
    registryAs,
    stakingAs,
    tokenAs,
    mined,
    asSafe,
    /** The devnet's test client (time, mining, snapshots). */
    devnetTest: () => devnet.testClient,
    publicClient: () => env().connection.publicClient,
    registryAddress: () => registry,
    stakingAddress: () => staking,
    treasury: () => env().manifest.treasurySafe.address,
    balance: (holder: Address) => tokenAs(0).read.balanceOf([holder]),
    timeOf: async (receipt: TransactionReceipt) =>
      (await env().connection.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp,
    async passTime(seconds: bigint) {
      await devnet.testClient.increaseTime({ seconds: Number(seconds) })
      await devnet.testClient.mine({ blocks: 1 })
    },
    /** AgentStaking's events in a receipt, as `[eventName, args]`. */
    stakingEvents: eventsOf(agentStakingAbi, () => staking),
    /** AgentRegistry's events in a receipt, as `[eventName, args]`. */
    registryEvents: eventsOf(agentRegistryAbi, () => registry),
    /** Registers an agent created by `creator` and returns its id. */
    async newAgent(creator: number = CREATOR, metadataURI = 'ipfs://agent', fee = OPEN(1n)): Promise<bigint> {
      const args = [metadataURI, [hashOf('adapter-a')], fee] as const
      const { result } = await registryAs(creator).simulate.registerAgent(args, { account: account(creator) })
      await mined(registryAs(creator).write.registerAgent(args))
      return result
    },
    /** Approves and stakes `amount` of `who`'s OPEN on an agent. */
    async staked(who: number, agentId: bigint, amount: bigint): Promise<TransactionReceipt> {
      await mined(tokenAs(who).write.approve([staking, amount]))
      return mined(stakingAs(who).write.stake([agentId, amount]))
    },
    /** ROUTER pays `amount` of rewards to an agent's earning stakers, closing its reward round. */
    rewarded: (agentId: bigint, amount: bigint) => rewardedBy(agentId, amount),
    /** `who` commits to a challenge of an agent (salt: `hashOf('salt')` unless given). */
    async committed(who: number, agentId: bigint, evidence = hashOf('evidence'), salt = hashOf('salt')) {
      const commitment = await stakingAs(0).read.challengeCommitment([address(who), agentId, evidence, salt])
      return mined(stakingAs(who).write.commitChallenge([commitment]))
    },
    /** `who` commits to a challenge of an agent, approves the bond and reveals it; returns the challenge id. */
    async challenged(who: number, agentId: bigint, evidence = hashOf('evidence'), salt = hashOf('salt')) {
      const commitment = await stakingAs(0).read.challengeCommitment([address(who), agentId, evidence, salt])
      await mined(stakingAs(who).write.commitChallenge([commitment]))
      await mined(tokenAs(who).write.approve([staking, PARAMS.challengeBond]))
      const args = [agentId, evidence, salt] as const
      const { result } = await stakingAs(who).simulate.challenge(args, { account: account(who) })
      await mined(stakingAs(who).write.challenge(args))
      return result
    },
    /** Closes an agent's reward round with a 1 wei reward, so stake added before it earns from now on. */
    roundClosed: (agentId: bigint) => rewardedBy(agentId, 1n),
    /** Resolves a challenge through the Safe. */
    resolved: (challengeId: bigint, upheld: boolean, slashBps: number) =>
      asSafe(
        staking,
        encodeFunctionData({
          abi: agentStakingAbi,
          functionName: 'resolveChallenge',
          args: [challengeId, upheld, slashBps],
        }),
      ),
    positionOf: (agentId: bigint, who: number) => stakingAs(0).read.positionOf([agentId, address(who)]),
    isActive: (agentId: bigint) => stakingAs(0).read.isAgentActive([agentId]),
  }
}
