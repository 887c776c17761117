import type { ChainConnection } from '@openledger/chain'
import type { Hex } from 'viem'
import { sendPaying } from '../internal/sendPaying.js'
import type { Position, StakingContracts, WriteParameters, WriteReturnType } from '../types.js'
import { getPosition } from './getPosition.js'

export type StakeParameters = WriteParameters & { agentId: bigint; amount: bigint }
export type StakeReturnType = WriteReturnType & {
  /** The approval sent first, when the allowance was short. */
  approvalHash: Hex | undefined
  /** The position after staking. */
  position: Position
}

/**
 * Stakes `amount` OPEN wei on an agent, approving AgentStaking for `amount` first when the allowance is short.
 *
 * @example
 * const { hash, position } = await stake(connection, manifest.contracts, {
 *   account,
 *   agentId: 1n,
 *   amount: parseEther('500'),
 * })
 */
export async function stake(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking' | 'OpenToken'>,
  parameters: StakeParameters,
): Promise<StakeReturnType> {
  const { account, agentId, amount } = parameters
  const { hash, receipt, approvalHash } = await sendPaying(connection, contracts, {
    account,
    amount,
    call: { contract: 'AgentStaking', functionName: 'stake', args: [agentId, amount] },
  })
  const position = await getPosition(connection, contracts, { agentId, staker: account.address })
  return { hash, receipt, approvalHash, position }
}
