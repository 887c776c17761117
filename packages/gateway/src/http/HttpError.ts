import { BaseError } from '@openledger/errors'

/** OpenAI's error `type`s, by what the gateway refuses. */
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'insufficient_quota'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'service_unavailable'
  | 'server_error'

export type HttpErrorOptions = {
  type?: OpenAiErrorType
  /** The request field at fault, e.g. `messages[0].content`. */
  param?: string | null
  code?: string | null
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>
  cause?: unknown
}

const typeByStatus: Record<number, OpenAiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'service_unavailable',
}

/**
 * The one error the gateway's handlers throw: a status, a message the caller may read, and OpenAI's error
 * fields. The final error handler turns it into `{ error: { message, type, param, code, request_id } }`.
 *
 * @example
 * throw new HttpError(404, 'No model "nope": list them at GET /v1/models.', { code: 'model_not_found', param: 'model' })
 */
export class HttpError extends BaseError {
  override name = 'HttpError'
  readonly type: OpenAiErrorType
  readonly param: string | null
  readonly code: string | null
  readonly headers: Record<string, string>

  constructor(
    readonly status: number,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause })
    this.type = options.type ?? typeByStatus[status] ?? 'server_error'
    this.param = options.param ?? null
    this.code = options.code ?? null
    this.headers = options.headers ?? {}
  }

  /** The OpenAI-style body. */
  body(requestId: string) {
    return {
      error: {
        message: this.shortMessage,
        type: this.type,
        param: this.param,
        code: this.code,
        request_id: requestId,
      },
    }
  }
}
