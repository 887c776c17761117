import type { ServedAgent } from '@openledger/agent-runtime'
import type { ChainConnection, Manifest } from '@openledger/chain'
import { HttpError } from '@openledger/http'
import { getAgentStake } from '@openledger/staking'
import { formatEther } from 'viem'

const open = (wei: bigint) => `${formatEther(wei)} OPEN`

/**
 * Refuses an agent that may not serve (403): unknown on-chain, paused, jailed (slashed), or with less active
 * stake than the agent's minimum or the protocol's; the message says the stake and the minimum.
 *
 * @example
 * await gateAgent(connection, manifest, served) // throws HttpError 403 `agent_inactive`
 */
export async function gateAgent(
  connection: ChainConnection,
  manifest: Pick<Manifest, 'contracts'>,
  served: ServedAgent,
): Promise<void> {
  const { agent, agentId } = served
  const stake = await getAgentStake(connection, manifest.contracts, { agentId }).catch((error) => {
    throw new HttpError(403, `Agent ${agent.id} (on-chain id ${agentId}) is not registered on this chain.`, {
      code: 'agent_inactive',
      cause: error,
    })
  })
  const minimum = agent.minimumStakeWei > stake.minAgentStake ? agent.minimumStakeWei : stake.minAgentStake
  const why = stake.jailed
    ? 'it was slashed and is jailed'
    : stake.paused
      ? 'it is paused'
      : stake.active < minimum
        ? `its active stake is ${open(stake.active)}, below the minimum of ${open(minimum)}`
        : !stake.isActive
          ? `its creator's stake is ${open(stake.creatorStake)}, below the minimum of ${open(stake.minCreatorStake)}`
          : undefined
  if (why)
    throw new HttpError(
      403,
      `Agent ${agent.id} is not active: ${why}. Stake on agent ${agentId} to bring it back.`,
      {
        code: 'agent_inactive',
      },
    )
}
