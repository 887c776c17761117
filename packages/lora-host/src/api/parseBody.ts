import type { z } from 'zod'
import { ApiError } from './ApiError.js'

/**
 * Validates a request body with a zod schema; the first problem is a 400 `invalid_request_error` whose
 * `param` names the field (`max_tokens`, `messages[0].role`) and whose message says what is wrong with it.
 *
 * @example
 * const request = parseBody(completionRequestSchema(512), { model: 'stories260K', max_tokens: 0 })
 * // throws ApiError 400: "Invalid 'max_tokens': must be an integer from 1 to 512."
 */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'The request body must be a JSON object, sent as Content-Type: application/json.',
      { code: 'invalid_body' },
    )
  }
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const param = paramOf(issue.path)
  if (param === '') throw new ApiError(400, `Invalid request: ${issue.message}.`, { code: 'invalid_value' })
  throw new ApiError(400, `Invalid '${param}': ${issue.message}.`, { param, code: 'invalid_value' })
}

function paramOf(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}
