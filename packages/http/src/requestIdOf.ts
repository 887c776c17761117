import type { Response } from 'express'
import { newRequestId } from './newRequestId.js'

/**
 * The id of the request a response answers (set by `requestId()`); where that middleware did not run (a
 * router mounted in someone else's app), one is made now, kept, and echoed in `X-Request-Id` while the headers
 * can still change.
 *
 * @example
 * const id = requestIdOf(response)
 */
export function requestIdOf(response: Response): string {
  const known = response.locals.requestId
  if (typeof known === 'string' && known !== '') return known
  const id = newRequestId()
  response.locals.requestId = id
  if (!response.headersSent) response.setHeader('X-Request-Id', id)
  return id
}
