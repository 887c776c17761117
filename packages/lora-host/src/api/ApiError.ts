import { BaseError } from '@openledger/errors'

/** OpenAI's error types, plus the ones this host adds for its own routes. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'rate_limit_error'
  | 'server_error'

/** The body of every error response, in OpenAI's format. */
export type ApiErrorBody = {
  error: { message: string; type: ApiErrorType; param: string | null; code: string | null }
}

export type ApiErrorOptions = {
  /** Defaults from the status: 404 not_found_error, 409 conflict_error, 429 rate_limit_error, 5xx server_error. */
  type?: ApiErrorType
  /** The request field at fault, e.g. 'max_tokens' or 'messages[0].role'. */
  param?: string | null
  code?: string | null
  cause?: unknown
}

/**
 * The one error of the API (Hono's `HttpError`): an HTTP status and an OpenAI-style error body. Operations
 * throw it, the HTTP layer sends `body` with `status`, and the in-process client throws it as is. `toApiError`
 * turns every other error into one.
 *
 * @example
 * throw new ApiError(400, "Invalid 'max_tokens': must be at least 1.", { param: 'max_tokens', code: 'invalid_value' })
 */
export class ApiError extends BaseError {
  override name = 'ApiError'
  readonly status: number
  readonly type: ApiErrorType
  readonly param: string | null
  readonly code: string | null

  constructor(status: number, message: string, options: ApiErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.status = status
    this.type = options.type ?? typeOf(status)
    this.param = options.param ?? null
    this.code = options.code ?? null
  }

  /** What goes over the wire: never the cause. */
  get body(): ApiErrorBody {
    return { error: { message: this.shortMessage, type: this.type, param: this.param, code: this.code } }
  }
}

function typeOf(status: number): ApiErrorType {
  if (status >= 500) return 'server_error'
  if (status === 404) return 'not_found_error'
  if (status === 409) return 'conflict_error'
  if (status === 429) return 'rate_limit_error'
  return 'invalid_request_error'
}
