import type { ErrorRequestHandler } from 'express'
import type { HttpError } from './HttpError.js'
import { isServerFault } from './isServerFault.js'
import { logToStderr } from './logToStderr.js'
import { openAiErrorBody } from './openAiErrorBody.js'
import { requestIdOf } from './requestIdOf.js'
import { type ToHttpErrorOptions, toHttpError } from './toHttpError.js'

export type ErrorHandlerOptions = Pick<ToHttpErrorOptions, 'map' | 'describe'> & {
  /** Told of each server fault (a 5xx other than 503) with the error itself; default `logToStderr('http')`. */
  onError?: ((error: unknown, requestId: string) => void) | undefined
  /** The JSON body of an error; default `openAiErrorBody` (OpenAI's shape with `request_id`). */
  body?: ((error: HttpError, requestId: string) => unknown) | undefined
}

/**
 * The one final error handler (Hono's `onError`), installed last: turns what a handler threw into an
 * `HttpError` with `toHttpError` (an `HttpError` keeps its status and headers, e.g. `Retry-After`; body-parser
 * and zod errors become 4xx; anything else a 500 naming only the request id), logs server faults through
 * `onError`, and answers with the status, the error's headers, `X-Request-Id` and an OpenAI-style body. A
 * response already under way (a stream) is ended instead.
 *
 * @example
 * const app = express()
 * app.use(requestId())
 * app.get('/v1/things/:id', () => {
 *   throw new HttpError(404, 'No such thing.', { code: 'thing_not_found' })
 * })
 * app.use(errorHandler({ onError: (error, id) => log.error({ id, error }) }))
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const onError = options.onError ?? logToStderr('http')
  const body = options.body ?? openAiErrorBody
  return (error, _request, response, _next) => {
    const requestId = requestIdOf(response)
    const http = toHttpError(error, { map: options.map, describe: options.describe, requestId })
    if (isServerFault(http)) onError(error, requestId)
    if (response.headersSent || response.destroyed) {
      response.end()
      return
    }
    for (const [name, value] of Object.entries(http.headers)) response.setHeader(name, value)
    response.status(http.status).json(body(http, requestId))
  }
}
