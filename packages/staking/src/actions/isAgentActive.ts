import { type ChainConnection, readContractCall } from '@openledger/chain'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'

export type IsAgentActiveParameters = { agentId: bigint }

/**
 * Whether an agent may serve: it exists, is not paused or jailed, its active stake reaches `minAgentStake`
 * and its creator's active stake on it reaches `minCreatorStake`.
 *
 * @example
 * if (!(await isAgentActive(connection, manifest.contracts, { agentId: 1n }))) console.error('agent 1 is inactive')
 */
export async function isAgentActive(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: IsAgentActiveParameters,
): Promise<boolean> {
  return withStakingErrors(
    readContractCall(connection, {
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'isAgentActive',
      args: [parameters.agentId],
    }),
  )
}
