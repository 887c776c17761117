import type { Request, Response } from 'express'
import type { GatewayContext } from '../GatewayContext.js'

/** `GET /health`: 200 `{ status: 'ok' }` when the model host answers, else 503 `{ status: 'unavailable' }`. */
export function health(context: GatewayContext) {
  const check = context.hostHealthy ?? defaultHostCheck(context)
  return async (_request: Request, response: Response) => {
    const ok = await check().catch(() => false)
    response.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', agents: context.agents.length })
  }
}

function defaultHostCheck(context: GatewayContext): () => Promise<boolean> {
  const models = (context.client as { models?: { list?: () => Promise<unknown> } }).models
  if (typeof models?.list !== 'function') return async () => true
  return async () => {
    const listed = await models.list!()
    // The openai client's page, or lora-host's local list.
    return listed !== undefined
  }
}
