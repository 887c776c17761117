import { HttpError } from './HttpError.js'
import { paramOf } from './paramOf.js'

/** How a 400 words the field at fault (`param`, null for the body itself) and what is wrong with it. */
export type DescribeInvalidField = (param: string | null, problem: string) => string

export type ZodHttpErrorOptions = {
  /** Default OpenAI's wording: `Invalid 'messages[0].role': <problem>.` (`Invalid request: …` for the body). */
  describe?: DescribeInvalidField | undefined
}

/** The part of a zod error this reads (zod's `ZodError`, classic or mini). */
export type ZodErrorLike = { issues: readonly { path: readonly PropertyKey[]; message: string }[] }

const openAiWording: DescribeInvalidField = (param, problem) =>
  param === null ? `Invalid request: ${problem}.` : `Invalid '${param}': ${problem}.`

/**
 * A failed zod validation as a 400 `invalid_request_error` with code `invalid_value`, naming the first field
 * at fault in `param` and in the message.
 *
 * @example
 * const parsed = schema.safeParse(body)
 * if (!parsed.success) throw zodHttpError(parsed.error) // 400 "Invalid 'max_tokens': must be at least 1."
 */
export function zodHttpError(error: ZodErrorLike, options: ZodHttpErrorOptions = {}): HttpError {
  const issue = error.issues[0]
  const param = issue ? paramOf(issue.path) : null
  const describe = options.describe ?? openAiWording
  return new HttpError(400, describe(param, issue?.message ?? 'not valid'), {
    param,
    code: 'invalid_value',
    cause: error,
  })
}
