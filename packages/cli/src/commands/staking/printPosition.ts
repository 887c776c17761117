import type { ChainConnection, Manifest } from '@openledger/chain'
import { feeYield, getAgentStake, getPosition } from '@openledger/staking'
import type { Address } from 'viem'
import type { Context } from '../../context.js'
import { formatOpen, formatUnixTime } from '../../format.js'

/** Prints the agent's stake and status, the staker's position on it and the agent's fee yield so far. */
export async function printPosition(
  context: Context,
  connection: ChainConnection,
  manifest: Manifest,
  agentId: bigint,
  staker: Address,
): Promise<void> {
  const { contracts } = manifest
  const position = await getPosition(connection, contracts, { agentId, staker })
  const agent = await getAgentStake(connection, contracts, { agentId })
  const yieldOf = await feeYield(connection, contracts, { agentId, fromBlock: BigInt(manifest.blockNumber) })
  const status = agent.jailed ? 'jailed' : agent.isActive ? 'active' : 'inactive'
  context.io.out(
    `Agent ${agentId} (${status}): ${formatOpen(agent.active)} active, ${formatOpen(agent.unbonding)} unbonding`,
  )
  context.io.out(`Position of ${staker}:`)
  context.io.out(`  active          ${formatOpen(position.active)}`)
  const ends = position.unbonding > 0n ? ` (withdrawable from ${formatUnixTime(position.unbondingEnds)})` : ''
  context.io.out(`  unbonding       ${formatOpen(position.unbonding)}${ends}`)
  context.io.out(`  pending reward  ${formatOpen(position.pendingReward)}`)
  if (position.warming > 0n)
    context.io.out(
      `  warming         ${formatOpen(position.warming)} (earns from the agent's next reward round)`,
    )
  if (agent.openChallenges > 0)
    context.io.out(
      `${agent.openChallenges} open challenge(s): no new stake, withdrawals held until ${formatUnixTime(agent.frozenUntil)} at most`,
    )
  context.io.out(
    `Fee yield: ${yieldOf.yieldBps} bps (${formatOpen(yieldOf.rewards)} over ${yieldOf.epochs.length} final epochs)`,
  )
}
