import { BaseError } from '@openledger/errors'

/** OpenAI's error `type`s, plus `conflict_error` (409) and `service_unavailable` (503). */
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'insufficient_quota'
  | 'not_found_error'
  | 'conflict_error'
  | 'rate_limit_error'
  | 'service_unavailable'
  | 'server_error'

/** The body of an error response, in OpenAI's shape; `request_id` where the server names it in the body. */
export type HttpErrorBody = {
  error: {
    message: string
    type: OpenAiErrorType
    param: string | null
    code: string | null
    request_id?: string
  }
}

export type HttpErrorOptions = {
  /** Defaults from the status: see `HttpError`. */
  type?: OpenAiErrorType | undefined
  /** The request field at fault, e.g. `messages[0].content`. */
  param?: string | null | undefined
  /** A stable machine-readable reason, e.g. `model_not_found`. */
  code?: string | null | undefined
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string> | undefined
  /** Logged where the error is a server fault; never sent. */
  cause?: unknown
}

const typeByStatus: Record<number, OpenAiErrorType> = {
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  429: 'rate_limit_error',
  503: 'service_unavailable',
}

/**
 * The one HTTP error of every server (Hono's `HTTPException`): a status, a one-line message the caller may
 * read, OpenAI's error fields and extra headers. Handlers throw it; `errorHandler()` answers it. The `type`
 * defaults from the status: 401 `authentication_error`, 402 `insufficient_quota`, 403 `permission_error`,
 * 404 `not_found_error`, 409 `conflict_error`, 429 `rate_limit_error`, 503 `service_unavailable`, any other
 * 4xx `invalid_request_error`, any other 5xx `server_error`.
 *
 * @example
 * throw new HttpError(404, 'No model "nope": list them at GET /v1/models.', { param: 'model', code: 'model_not_found' })
 * throw new HttpError(429, 'Rate limit reached; retry in 2 s.', { headers: { 'Retry-After': '2' } })
 */
export class HttpError extends BaseError {
  override name = 'HttpError'
  readonly status: number
  readonly type: OpenAiErrorType
  readonly param: string | null
  readonly code: string | null
  readonly headers: Record<string, string>

  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause })
    this.status = status
    this.type =
      options.type ?? typeByStatus[status] ?? (status < 500 ? 'invalid_request_error' : 'server_error')
    this.param = options.param ?? null
    this.code = options.code ?? null
    this.headers = options.headers ?? {}
  }

  /** What goes over the wire, in OpenAI's shape: never the cause. */
  get body(): HttpErrorBody {
    return { error: { message: this.shortMessage, type: this.type, param: this.param, code: this.code } }
  }
}
