import type { ErrorRequestHandler } from 'express'
import { ApiError } from '../api/ApiError.js'
import { toApiError } from '../api/toApiError.js'

/**
 * The app's final error handler: every error becomes an OpenAI-style body with its status through
 * `toApiError` (body-parser's errors first become 400 invalid JSON or 413); a 500 names the request id, is
 * reported to `onError` with the real error, and leaks nothing of it to the client.
 *
 * @example
 * app.use(errorHandler((error, requestId) => console.error(requestId, error)))
 */
export function errorHandler(onError: (error: unknown, requestId: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const requestId = String(res.locals.requestId)
    const apiError = toApiError(fromBodyParser(error), { requestId })
    if (apiError.status >= 500) onError(error, requestId)
    if (res.headersSent || res.destroyed) {
      res.end()
      return
    }
    res.status(apiError.status).json(apiError.body)
  }
}

type HttpErrorLike = {
  type?: unknown
  status?: unknown
  expose?: unknown
  limit?: unknown
  message?: unknown
}

function fromBodyParser(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error
  const { type, status, expose, limit, message } = error as HttpErrorLike
  if (type === 'entity.parse.failed') {
    return new ApiError(400, `The request body is not valid JSON: ${String(message)}.`, {
      code: 'invalid_json',
      cause: error,
    })
  }
  if (type === 'entity.too.large') {
    return new ApiError(413, `The request body is larger than the limit of ${String(limit)} bytes.`, {
      code: 'request_too_large',
      cause: error,
    })
  }
  if (typeof type === 'string' && expose === true && typeof status === 'number' && status < 500) {
    return new ApiError(status, String(message), { code: type, cause: error })
  }
  return error
}
