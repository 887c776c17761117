import type { RequestHandler } from 'express'
import type { z } from 'zod'
import { type ParseBodyOptions, parseBody } from './parseBody.js'

/**
 * Middleware that validates `request.body` with a zod schema (after `express.json()`) and replaces it with the
 * parsed value; a body that fails is a 400 naming the field (`param`), answered by `errorHandler()`.
 *
 * @example
 * app.post('/v1/things', express.json(), validateBody(z.object({ name: z.string() })), (request, response) => {
 *   response.json({ name: request.body.name })
 * })
 */
export function validateBody(schema: z.ZodType, options: ParseBodyOptions = {}): RequestHandler {
  return (request, _response, next) => {
    request.body = parseBody(schema, request.body, options)
    next()
  }
}
