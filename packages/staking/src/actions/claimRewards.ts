import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { agentStakingAbi } from '@openledger/contracts'
import { parseEventLogs } from 'viem'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type ClaimRewardsParameters = WriteParameters & { agentId: bigint }
export type ClaimRewardsReturnType = WriteReturnType & { amount: bigint }

/**
 * Claims `account`'s accrued staking rewards on an agent and returns the OPEN wei paid (0n when there were
 * none: claiming nothing succeeds).
 *
 * @example
 * const { amount } = await claimRewards(connection, manifest.contracts, { account, agentId: 1n })
 */
export async function claimRewards(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: ClaimRewardsParameters,
): Promise<ClaimRewardsReturnType> {
  const { account, agentId } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'claim',
      args: [agentId],
    }),
  )
  const [claimed] = parseEventLogs({ abi: agentStakingAbi, eventName: 'RewardClaimed', logs: receipt.logs })
  return { hash, receipt, amount: claimed?.args.amount ?? 0n }
}
