import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { Position, StakingContracts } from '../types.js'

export type GetPositionParameters = { agentId: bigint; staker: Address }
export type GetPositionReturnType = Position

/**
 * A staker's position on an agent: active and unbonding stake (their value now, after any slash), when the
 * unbonding stake may be withdrawn, the rewards a claim would pay, and how much of the active stake is still
 * warming (staked in the agent's current reward round, it earns from the next).
 *
 * @example
 * const { active, unbonding, pendingReward } = await getPosition(connection, manifest.contracts, {
 *   agentId: 1n,
 *   staker: '0x…',
 * })
 */
export async function getPosition(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: GetPositionParameters,
): Promise<GetPositionReturnType> {
  const view = await withStakingErrors(
    readContractCall(connection, {
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'positionOf',
      args: [parameters.agentId, parameters.staker],
    }),
  )
  return {
    active: view.activeTokens,
    unbonding: view.unbondingTokens,
    unbondingEnds: view.unbondingEnds,
    pendingReward: view.pendingReward,
    warming: view.warmingTokens,
  }
}
