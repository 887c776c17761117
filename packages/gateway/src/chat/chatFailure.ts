import { HttpError } from '@openledger/http'
import { hostUnreachable } from './hostUnreachable.js'

/**
 * What a caller is told when an answer fails after gating (nothing is charged): the model host unreachable is
 * a 503 `model_host_unavailable` with `Retry-After`; anything else (the model host's own refusals included) a
 * 500 `agent_failed`. The error itself stays the cause, for the logger.
 *
 * @example
 * const http = chatFailure(error, agent.id)
 */
export function chatFailure(error: unknown, agentId: string): HttpError {
  if (hostUnreachable(error))
    return new HttpError(
      503,
      `The model host is unreachable; ${agentId} cannot answer now. Nothing was charged; retry shortly.`,
      { code: 'model_host_unavailable', headers: { 'Retry-After': '5' }, cause: error },
    )
  return new HttpError(
    500,
    `${agentId} failed to answer; nothing was charged. Quote the request id when reporting it.`,
    { type: 'server_error', code: 'agent_failed', cause: error },
  )
}
