import { randomUUID } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

const sane = /^[A-Za-z0-9._:-]{8,128}$/

/** The request id of a request (set by `requestId()`). */
export function requestIdOf(response: Response): string {
  return String(response.locals.requestId ?? '')
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when it is sane (8–128 of `A-Za-z0-9._:-`), else a
 * new one; echoed in the `X-Request-Id` response header and in error bodies.
 */
export function requestId() {
  return (request: Request, response: Response, next: NextFunction) => {
    const incoming = request.get('x-request-id')
    const id = incoming && sane.test(incoming) ? incoming : `req_${randomUUID().replaceAll('-', '')}`
    response.locals.requestId = id
    response.setHeader('X-Request-Id', id)
    next()
  }
}
