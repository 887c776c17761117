import type { Request, Response } from 'express'
import type { GatewayContext } from '../GatewayContext.js'

/** `GET /v1/models`: one model per agent served (id = the agent's id), in OpenAI's list shape. */
export function listModels(context: GatewayContext) {
  const created = Math.floor(Date.now() / 1000)
  return (_request: Request, response: Response) => {
    response.json({
      object: 'list',
      data: context.agents.map(({ agent, agentId }) => ({
        id: agent.id,
        object: 'model',
        created,
        owned_by: 'openledger',
        name: agent.name,
        description: agent.description,
        agent_id: agentId.toString(),
      })),
    })
  }
}
