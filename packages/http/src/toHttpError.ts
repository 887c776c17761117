import { bodyParserHttpError } from './bodyParserHttpError.js'
import { HttpError } from './HttpError.js'
import { newRequestId } from './newRequestId.js'
import { type DescribeInvalidField, type ZodErrorLike, zodHttpError } from './zodHttpError.js'

/** A server's own typed errors as HTTP errors (lora-host's `AdapterNotFoundError` → 404); `undefined` for others. */
export type MapError = (error: unknown) => HttpError | undefined

export type ToHttpErrorOptions = {
  /** Tried after `HttpError` itself, before body-parser's and zod's errors. */
  map?: MapError | undefined
  /** Named in a 500's message; a new one when absent. */
  requestId?: string | undefined
  /** How a zod error's 400 is worded (see `zodHttpError`). */
  describe?: DescribeInvalidField | undefined
}

/**
 * The one mapping from anything thrown to the `HttpError` a server answers with: an `HttpError` as it is;
 * then `map`'s answer; body-parser's errors (400 invalid JSON, 413 too large, other 4xx); a zod error as a
 * 400 naming the field; anything else a 500 `server_error` whose message names the request id and nothing of
 * the error itself (which stays in `cause`, for the logger).
 *
 * @example
 * const http = toHttpError(error, { requestId: 'req_42' })
 * response.status(http.status).json(http.body)
 */
export function toHttpError(error: unknown, options: ToHttpErrorOptions = {}): HttpError {
  if (error instanceof HttpError) return error
  const known = options.map?.(error) ?? bodyParserHttpError(error)
  if (known) return known
  if (isZodError(error)) return zodHttpError(error, { describe: options.describe })
  const requestId = options.requestId ?? newRequestId()
  return new HttpError(
    500,
    `The server had an error while processing your request; quote request id ${requestId} to its operator.`,
    { cause: error },
  )
}

function isZodError(error: unknown): error is ZodErrorLike {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as Partial<ZodErrorLike>).issues)
  )
}
