import type { z } from 'zod'
import { HttpError } from './HttpError.js'
import { type ZodHttpErrorOptions, zodHttpError } from './zodHttpError.js'

export type ParseBodyOptions = ZodHttpErrorOptions

/**
 * Validates a JSON request body with a zod schema and returns the parsed value. A body that is not a JSON
 * object (a wrong Content-Type leaves none) is a 400 `invalid_body`; the first issue is a 400 `invalid_value`
 * whose `param` names the field (`max_tokens`, `messages[0].role`) and whose message says what is wrong.
 * Operations shared by HTTP and an in-process client call it; routes use `validateBody(schema)`.
 *
 * @example
 * const request = parseBody(z.object({ max_tokens: z.int().min(1) }), { max_tokens: 0 })
 * // throws HttpError 400, param 'max_tokens': "Invalid 'max_tokens': Too small: expected number to be >=1."
 */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  options: ParseBodyOptions = {},
): z.output<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(
      400,
      'The request body must be a JSON object, sent as Content-Type: application/json.',
      { code: 'invalid_body' },
    )
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  throw zodHttpError(parsed.error, options)
}
