import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { Position, StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import { getPosition } from './getPosition.js'

export type RequestUnstakeParameters = WriteParameters & { agentId: bigint; amount: bigint }
export type RequestUnstakeReturnType = WriteReturnType & { position: Position }

/**
 * Moves `amount` OPEN wei of `account`'s active stake into unbonding; it can be withdrawn once
 * `position.unbondingEnds` has passed. A new request restarts the period for all the unbonding stake.
 * More than the active stake is an `InsufficientStakeError`; zero a `ZeroAmountError`.
 *
 * @example
 * const { position } = await requestUnstake(connection, manifest.contracts, { account, agentId, amount })
 * console.log(new Date(Number(position.unbondingEnds) * 1000))
 */
export async function requestUnstake(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: RequestUnstakeParameters,
): Promise<RequestUnstakeReturnType> {
  const { account, agentId, amount } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'requestUnstake',
      args: [agentId, amount],
    }),
  )
  const position = await getPosition(connection, contracts, { agentId, staker: account.address })
  return { hash, receipt, position }
}
