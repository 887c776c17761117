import type { Response } from 'express'

/**
 * A signal aborted when the client goes away before the response is finished (a closed tab, a dropped
 * stream), so that the engine frees the request's row at its next decode step instead of generating for no one.
 *
 * @example
 * const completion = await createCompletion(host, request.body, { signal: abortOnClose(response) })
 */
export function abortOnClose(response: Response): AbortSignal {
  const controller = new AbortController()
  response.once('close', () => {
    if (!response.writableFinished) controller.abort()
  })
  return controller.signal
}
