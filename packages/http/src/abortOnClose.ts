import type { Response } from 'express'

/**
 * A signal aborted when the client goes away before the response is finished (a closed tab, a dropped
 * stream), so that the engine frees the request's row at its next decode step instead of generating for no one.
 *
 * @example
 * const completion = await createCompletion(host, req.body, { signal: abortOnClose(res) })
 */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  return controller.signal
}
