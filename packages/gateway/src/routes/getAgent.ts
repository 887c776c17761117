import { HttpError } from '@openledger/http'
import { getAgentStake } from '@openledger/staking'
import type { Request, Response } from 'express'
import type { GatewayContext } from '../GatewayContext.js'

/**
 * `GET /v1/agents/:id` (the agent's id or its on-chain id): name, description, fee, minimum and current stake,
 * whether it may serve and why not, adapters by role, datanets and tools.
 */
export function getAgent(context: GatewayContext) {
  return async (request: Request, response: Response) => {
    const id = String(request.params.id)
    const served = context.agents.find((s) => s.agent.id === id || s.agentId.toString() === id)
    if (!served)
      throw new HttpError(404, `No agent "${id}": the agents are listed at GET /v1/models.`, {
        code: 'agent_not_found',
      })
    const { agent, agentId } = served
    const stake = await getAgentStake(context.connection, context.manifest.contracts, { agentId }).catch(
      () => undefined,
    )
    const minimum =
      stake && stake.minAgentStake > agent.minimumStakeWei ? stake.minAgentStake : agent.minimumStakeWei
    const active = stake?.isActive === true && stake.active >= agent.minimumStakeWei
    response.json({
      id: agent.id,
      object: 'agent',
      name: agent.name,
      description: agent.description,
      agentId: agentId.toString(),
      fee: agent.feeWei.toString(),
      minimumStake: minimum.toString(),
      stake: stake
        ? {
            active: stake.active.toString(),
            unbonding: stake.unbonding.toString(),
            creator: stake.creator,
            creatorStake: stake.creatorStake.toString(),
            minCreatorStake: stake.minCreatorStake.toString(),
          }
        : null,
      active,
      status: !stake
        ? 'unregistered'
        : stake.jailed
          ? 'jailed'
          : stake.paused
            ? 'paused'
            : active
              ? 'active'
              : 'understaked',
      openChallenges: stake?.openChallenges ?? null,
      frozenUntil: stake ? Number(stake.frozenUntil) : null,
      adapters: agent.adapters,
      datanets: agent.datanets.map(String),
      tools: agent.tools,
    })
  }
}
