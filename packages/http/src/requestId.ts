import type { RequestHandler } from 'express'
import { newRequestId } from './newRequestId.js'

/** 8–128 of `A-Za-z0-9._:-`: safe to echo in a header, a log line and a JSON body. */
const sane = /^[A-Za-z0-9._:-]{8,128}$/

export type RequestIdOptions = {
  /** Makes an id where the caller sent none (or none sane); default `newRequestId` (`req_` and 32 hex digits). */
  generate?: (() => string) | undefined
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when it is sane (8–128 of `A-Za-z0-9._:-`), else a
 * new one; kept in `response.locals.requestId` (read it with `requestIdOf`) and echoed in the `X-Request-Id`
 * response header. A 500 names it, so that an operator finds the logged error.
 *
 * @example
 * app.use(requestId())
 */
export function requestId(options: RequestIdOptions = {}): RequestHandler {
  const generate = options.generate ?? newRequestId
  return (request, response, next) => {
    const incoming = request.get('x-request-id')
    const id = incoming && sane.test(incoming) ? incoming : generate()
    response.locals.requestId = id
    response.setHeader('X-Request-Id', id)
    next()
  }
}
