import { HttpError } from '@openledger/http'
import type { RequestHandler } from 'express'

/**
 * The app's last route: an unknown URL is a 404 worded as OpenAI's.
 *
 * @example
 * app.use(notFound())
 */
export function notFound(): RequestHandler {
  return (req) => {
    throw new HttpError(404, `Unknown request URL: ${req.method} ${req.path}.`, {
      type: 'invalid_request_error',
      code: 'unknown_url',
    })
  }
}
