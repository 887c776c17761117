import type { ServedAgent } from '@openledger/agent-runtime'
import { HttpError } from '@openledger/http'

/**
 * The served agent a request's `model` names, or a 404 `model_not_found` saying where the models are listed.
 *
 * @example
 * const served = findServedAgent(new Map(agents.map((s) => [s.agent.id, s])), chat.model)
 */
export function findServedAgent(agents: ReadonlyMap<string, ServedAgent>, model: string): ServedAgent {
  const served = agents.get(model)
  if (served) return served
  throw new HttpError(404, `No model "${model}": the models are the agents listed at GET /v1/models.`, {
    param: 'model',
    code: 'model_not_found',
  })
}
