import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Address } from 'viem'
import { registryAbi, stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts } from '../types.js'
import { getPosition } from './getPosition.js'
import { getStakingParams } from './getStakingParams.js'
import { isAgentActive } from './isAgentActive.js'

export type GetAgentStakeParameters = { agentId: bigint }
export type GetAgentStakeReturnType = {
  agentId: bigint
  creator: Address
  /** Total active stake, OPEN wei. */
  active: bigint
  /** Total unbonding stake, OPEN wei. */
  unbonding: bigint
  /** The creator's own active stake on the agent. */
  creatorStake: bigint
  jailed: boolean
  paused: boolean
  /** Challenges against the agent neither resolved nor expired. */
  openChallenges: number
  /** Unix seconds until which open challenges hold new stake and withdrawals; 0n when none is open. */
  frozenUntil: bigint
  isActive: boolean
  minAgentStake: bigint
  minCreatorStake: bigint
}

/**
 * An agent's stake summary: totals, its creator's stake, jail and pause flags, open challenges and until when they hold it, whether it
 * is active, and the minimums it is held to. An unknown agent is an `UnknownAgentError`.
 *
 * @example
 * const summary = await getAgentStake(connection, manifest.contracts, { agentId: 1n })
 * if (!summary.isActive) console.log(`needs ${summary.minAgentStake - summary.active} more wei`)
 */
export async function getAgentStake(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking' | 'AgentRegistry'>,
  parameters: GetAgentStakeParameters,
): Promise<GetAgentStakeReturnType> {
  const { agentId } = parameters
  const registry = { address: contracts.AgentRegistry, abi: registryAbi } as const
  const creator = await withStakingErrors(
    readContractCall(connection, {
      ...registry,
      functionName: 'creatorOf',
      args: [agentId],
    }),
  )
  const [stake, paused, creatorPosition, isActive, params] = await Promise.all([
    withStakingErrors(
      readContractCall(connection, {
        address: contracts.AgentStaking,
        abi: stakingAbi,
        functionName: 'agentStake',
        args: [agentId],
      }),
    ),
    withStakingErrors(
      readContractCall(connection, { ...registry, functionName: 'isPaused', args: [agentId] }),
    ),
    getPosition(connection, contracts, { agentId, staker: creator }),
    isAgentActive(connection, contracts, { agentId }),
    getStakingParams(connection, contracts),
  ])
  return {
    agentId,
    creator,
    active: stake.active,
    unbonding: stake.unbonding,
    creatorStake: creatorPosition.active,
    jailed: stake.jailed,
    paused,
    openChallenges: stake.openChallenges,
    frozenUntil: stake.frozenUntil,
    isActive,
    minAgentStake: params.minAgentStake,
    minCreatorStake: params.minCreatorStake,
  }
}
