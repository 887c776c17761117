import type { ChainConnection } from '@openledger/chain'
import { stakingAbi } from '../internal/abis.js'
import { readCall } from '../internal/sendTransaction.js'
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
  const params = await readCall<StakingParams>(connection, {
    address: contracts.AgentStaking,
    abi: stakingAbi,
    functionName: 'params',
    args: [],
  })
  return { ...params }
}
