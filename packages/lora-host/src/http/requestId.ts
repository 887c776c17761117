import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'

/**
 * Gives every request an id (`res.locals.requestId`, echoed in `x-request-id`), the one a 500 names so that
 * an operator can find the logged error.
 *
 * @example
 * app.use(requestId())
 */
export function requestId(): RequestHandler {
  return (_req, res, next) => {
    const id = `req_${randomBytes(12).toString('hex')}`
    res.locals.requestId = id
    res.setHeader('x-request-id', id)
    next()
  }
}
