import type { ChainConnection } from '@openledger/chain'
import { stakingAbi } from '../internal/abis.js'
import { readCall } from '../internal/sendTransaction.js'
import type { StakingContracts } from '../types.js'

export type IsAgentActiveParameters = { agentId: bigint }

/**
 * Whether an agent may serve: it exists, is not paused or jailed, its active stake reaches `minAgentStake`
 * and its creator's active stake on it reaches `minCreatorStake`.
 *
 * @example
 * if (!(await isAgentActive(connection, manifest.contracts, { agentId: 1n }))) throw new Error('inactive')
 */
export async function isAgentActive(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: IsAgentActiveParameters,
): Promise<boolean> {
  return readCall<boolean>(connection, {
    address: contracts.AgentStaking,
    abi: stakingAbi,
    functionName: 'isAgentActive',
    args: [parameters.agentId],
  })
}
