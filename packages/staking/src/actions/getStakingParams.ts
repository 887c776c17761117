import { type ChainConnection, readContractCall } from '@openledger/chain'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, StakingParams } from '../types.js'

/**
 * AgentStaking's current parameters: unbonding period, minimum stakes, challenge bond and challenger reward.
 *
 * @example
 * const { minAgentStake, unbondingPeriod } = await getStakingParams(connection, manifest.contracts)
 */
export async function getStakingParams(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
): Promise<StakingParams> {
  const params = await withStakingErrors(
    readContractCall(connection, {
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'params',
      args: [],
    }),
  )
  return { ...params }
}
