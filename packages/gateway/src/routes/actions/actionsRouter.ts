import {
  cancelPendingAction,
  getPendingAction,
  listPendingActions,
  PendingActionExpiredError,
  PendingActionNotPendingError,
  type PendingActionStatus,
} from '@openledger/agent-runtime'
import { HttpError } from '@openledger/http'
import { type Request, type Response, Router } from 'express'
import { answerChat } from '../../chat/answerChat.js'
import { parseChatRequest } from '../../chat/chatRequestSchema.js'
import { findServedAgent } from '../../chat/findServedAgent.js'
import { gateChat } from '../../chat/gateChat.js'
import type { GatewayContext } from '../../GatewayContext.js'
import { apiKeyOf } from '../../http/authenticate.js'
import { actionHttpError } from './actionHttpError.js'
import { actionJson } from './actionJson.js'

const STATUSES = ['pending', 'executing', 'done', 'failed', 'cancelled'] as const

const refusing = async <T>(body: () => Promise<T>): Promise<T> => {
  try {
    return await body()
  } catch (error) {
    throw actionHttpError(error)
  }
}

/**
 * `/v1/actions`, for the API key's account (mount it behind `authenticate` and the rate limit):
 * `GET /` lists its actions (newest first, `?status=pending` to filter); `POST /:id/confirm` runs its pending
 * action once, as the chat answer to `confirm <id>` from the agent that proposed it (so it is charged,
 * attributed and receipted like any answer: the receipt's kind is `action`, and `attribution.action` names
 * the action and its transaction); `POST /:id/cancel` cancels it. Another account's action is a 403, an
 * unknown one a 404, an expired one a 410, one already run or cancelled a 409: nothing is done for them.
 *
 * @example
 * app.use('/v1/actions', authenticate(store), limit, actionsRouter(context))
 */
export function actionsRouter(context: GatewayContext): Router {
  const agents = new Map(context.agents.map((served) => [served.agent.id, served]))
  const router = Router()
  router.get('/', async (request: Request, response: Response) => {
    const status = request.query.status
    if (status !== undefined && !STATUSES.includes(status as PendingActionStatus))
      throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}, got ${String(status)}.`, {
        param: 'status',
        code: 'invalid_status',
      })
    const actions = await listPendingActions(context.store, {
      payer: apiKeyOf(response).account,
      status: status as PendingActionStatus | undefined,
    })
    response.json({ object: 'list', data: actions.map(actionJson) })
  })
  router.post('/:id/confirm', async (request: Request, response: Response) => {
    const started = performance.now()
    const payer = apiKeyOf(response).account
    const id = String(request.params.id)
    const action = await refusing(() => getPendingAction(context.store, { id, payer }))
    // Refused before any fee is held; a confirm racing this one is refused inside the agent's run (run once).
    if (action.status !== 'pending')
      throw actionHttpError(new PendingActionNotPendingError(id, action.status, action.txHash))
    if (action.expiresAt <= new Date().toISOString())
      throw actionHttpError(new PendingActionExpiredError(id, action.expiresAt))
    const chat = parseChatRequest({
      model: action.agentId,
      messages: [{ role: 'user', content: `confirm ${id}` }],
    })
    const served = findServedAgent(agents, chat.model)
    const hold = await gateChat(context, served, payer)
    const thread = request.get('x-openledger-thread')
    await answerChat(context, { response, chat, served, payer, hold, thread, started })
  })
  router.post('/:id/cancel', async (request: Request, response: Response) => {
    const payer = apiKeyOf(response).account
    const action = await refusing(() =>
      cancelPendingAction(context.store, { id: String(request.params.id), payer }),
    )
    response.json(actionJson(action))
  })
  return router
}
