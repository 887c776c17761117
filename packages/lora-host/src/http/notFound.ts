import type { RequestHandler } from 'express'
import { ApiError } from '../api/ApiError.js'

/**
 * The app's last route: an unknown URL is a 404 worded as OpenAI's.
 *
 * @example
 * app.use(notFound())
 */
export function notFound(): RequestHandler {
  return (req) => {
    throw new ApiError(404, `Unknown request URL: ${req.method} ${req.path}.`, {
      type: 'invalid_request_error',
      code: 'unknown_url',
    })
  }
}
