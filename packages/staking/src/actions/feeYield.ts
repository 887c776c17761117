import { type ChainConnection, readContractCall } from '@openledger/chain'
import { agentStakingAbi, feeRouterAbi } from '@openledger/contracts'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type FeeYieldParameters = {
  agentId: bigint
  /** Look at the last `epochs` finalised FeeRouter epochs (default 7). Ignored when `blocks` is given. */
  epochs?: number
  /** Look at the last `blocks` blocks instead of epochs. */
  blocks?: bigint
  /** Where the log scan starts (the manifest's `blockNumber`); default 0n. */
  fromBlock?: bigint
}
export type FeeYieldReturnType = {
  /** The finalised epochs in the window, oldest first (empty with `blocks`, or when none was finalised). */
  epochs: bigint[]
  fromBlock: bigint
  toBlock: bigint
  /** Rewards notified to the agent's stakers in the window, OPEN wei (those sent to the treasury excluded). */
  rewards: bigint
  /** The agent's active stake now, OPEN wei. */
  activeStake: bigint
  /** `rewards × 10,000 ÷ activeStake`, rounded down; 0n without active stake. */
  yieldBps: bigint
}

/**
 * Fee yield of staking on an agent over a recent window: the rewards AgentStaking was notified of for the
 * agent (its `RewardNotified` events, the stakers' split of the agent's fees as each FeeRouter epoch is finalised),
 * divided by the agent's active stake now. A simple, non-annualised figure in basis points: 150n means stakers
 * earned 1.5% of the current stake in the window. Stake that changed during the window skews it.
 *
 * The window is the last `epochs` finalised epochs (from the block of the first one's `EpochFinalized`), or
 * the last `blocks` blocks.
 *
 * @example
 * const { yieldBps, rewards } = await feeYield(connection, manifest.contracts, {
 *   agentId: 1n,
 *   epochs: 7,
 *   fromBlock: BigInt(manifest.blockNumber),
 * })
 */
export async function feeYield(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking' | 'FeeRouter'>,
  parameters: FeeYieldParameters,
): Promise<FeeYieldReturnType> {
  const { agentId, epochs: epochCount = 7, blocks, fromBlock: scanFrom = 0n } = parameters
  const { publicClient } = connection
  const toBlock = await publicClient.getBlockNumber()
  let fromBlock: bigint
  let epochs: bigint[] = []
  if (blocks !== undefined) {
    fromBlock = toBlock >= blocks ? toBlock - blocks + 1n : 0n
  } else {
    const finalized = await publicClient.getContractEvents({
      address: contracts.FeeRouter,
      abi: feeRouterAbi,
      eventName: 'EpochFinalized',
      fromBlock: scanFrom,
      toBlock,
      strict: true,
    })
    const recent = finalized.slice(-epochCount)
    epochs = recent.map((log) => log.args.epoch)
    const first = recent[0]
    // No finalised epoch yet: an empty window.
    fromBlock = first ? first.blockNumber : toBlock + 1n
  }
  const notified =
    fromBlock > toBlock
      ? []
      : await publicClient.getContractEvents({
          address: contracts.AgentStaking,
          abi: agentStakingAbi,
          eventName: 'RewardNotified',
          args: { agentId },
          fromBlock,
          toBlock,
          strict: true,
        })
  const rewards = notified
    .filter((log) => !log.args.toTreasury)
    .reduce((sum, log) => sum + log.args.amount, 0n)
  const { active: activeStake } = await withStakingErrors(
    readContractCall(connection, {
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'agentStake',
      args: [agentId],
    }),
  )
  const yieldBps = activeStake === 0n ? 0n : (rewards * 10_000n) / activeStake
  return {
    epochs,
    fromBlock: fromBlock > toBlock ? toBlock : fromBlock,
    toBlock,
    rewards,
    activeStake,
    yieldBps,
  }
}
