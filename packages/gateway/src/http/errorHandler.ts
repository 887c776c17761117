import type { NextFunction, Request, Response } from 'express'
import { HttpError } from './HttpError.js'
import { requestIdOf } from './requestId.js'

/**
 * The final error handler: an `HttpError` becomes its status and OpenAI-style body; body-parser's errors
 * become 413 (too large) or 400 (not JSON); anything else is a 500 with the request id, its details logged,
 * never sent.
 */
export function errorHandler(onError: (error: unknown, requestId: string) => void) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error)
    const requestId = requestIdOf(response)
    const http = toHttpError(error)
    if (http.status >= 500 && http.status !== 503) onError(error, requestId)
    for (const [name, value] of Object.entries(http.headers)) response.setHeader(name, value)
    response.status(http.status).json(http.body(requestId))
  }
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error
  const parser = error as { type?: string; status?: number; limit?: number }
  if (parser?.type === 'entity.too.large')
    return new HttpError(413, `The request body is over the limit of ${parser.limit} bytes.`, {
      code: 'request_too_large',
    })
  if (parser?.type === 'entity.parse.failed')
    return new HttpError(400, 'The request body is not valid JSON.', { code: 'invalid_json' })
  if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500)
    return new HttpError(parser.status, (error as Error).message)
  return new HttpError(500, 'The gateway failed to answer; quote the request id when reporting it.', {
    type: 'server_error',
    cause: error,
  })
}
