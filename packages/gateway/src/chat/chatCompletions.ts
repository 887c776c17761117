import type { Request, Response } from 'express'
import type { GatewayContext } from '../GatewayContext.js'
import { apiKeyOf } from '../http/authenticate.js'
import { answerChat } from './answerChat.js'
import { parseChatRequest } from './chatRequestSchema.js'
import { findServedAgent } from './findServedAgent.js'
import { gateChat } from './gateChat.js'

/**
 * `POST /v1/chat/completions`: validate (400), find the agent (`model`; 404), gate (agent active: 403; payer's
 * balance: 402), then answer (`answerChat`: run the agent, streaming the answer role's tokens as SSE when
 * asked, attribute the answer, meter it into the settlement queue, and answer in OpenAI's shape plus
 * `attribution`). Nothing is metered for a refused or failed answer; an unreachable model host is a 503 with
 * `Retry-After`.
 *
 * @example
 * app.post('/v1/chat/completions', authenticate(store), express.json(), chatCompletions(context))
 */
export function chatCompletions(context: GatewayContext) {
  const agents = new Map(context.agents.map((served) => [served.agent.id, served]))
  return async (request: Request, response: Response): Promise<void> => {
    const started = performance.now()
    const chat = parseChatRequest(request.body)
    const served = findServedAgent(agents, chat.model)
    const payer = apiKeyOf(response).account
    const hold = await gateChat(context, served, payer)
    const thread = request.get('x-openledger-thread') ?? chat.user
    await answerChat(context, { response, chat, served, payer, hold, thread, started })
  }
}
