import { type ChainConnection, sendContractCall } from '@openledger/chain'
import { agentStakingAbi } from '@openledger/contracts'
import { parseEventLogs } from 'viem'
import { stakingAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type WithdrawParameters = WriteParameters & { agentId: bigint }
export type WithdrawReturnType = WriteReturnType & { amount: bigint }

/**
 * Withdraws all of `account`'s unbonding stake on an agent, once its unbonding period has ended, and returns
 * the OPEN wei paid (after any slash while unbonding). Too early is a `StillUnbondingError`; nothing unbonding a
 * `NothingToWithdrawError`; an open challenge against the agent a `ChallengePendingError`.
 *
 * @example
 * const { amount } = await withdraw(connection, manifest.contracts, { account, agentId: 1n })
 */
export async function withdraw(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking'>,
  parameters: WithdrawParameters,
): Promise<WithdrawReturnType> {
  const { account, agentId } = parameters
  const { hash, receipt } = await withStakingErrors(
    sendContractCall(connection, {
      account,
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'withdraw',
      args: [agentId],
    }),
  )
  const [withdrawn] = parseEventLogs({
    abi: agentStakingAbi,
    eventName: 'StakeWithdrawn',
    logs: receipt.logs,
  })
  return { hash, receipt, amount: withdrawn?.args.amount ?? 0n }
}
