import { randomBytes } from 'node:crypto'
import { shortMessageOf } from '@openledger/errors'
import { ApiError, type ApiErrorOptions } from './ApiError.js'

type Mapping = { status: number } & Pick<ApiErrorOptions, 'type' | 'param' | 'code'>

/** The host's typed errors, by `name`, and what a caller of the API sees of each. */
const mappings = new Map<string, Mapping>(
  Object.entries({
    ModelNotServedError: { status: 404, code: 'model_not_found', param: 'model' },
    AdapterNotFoundError: { status: 404, code: 'model_not_found' },
    AdapterNotServableError: { status: 403, code: 'adapter_not_registered', param: 'model' },
    AdapterValidationError: { status: 400, code: 'invalid_adapter' },
    InvalidAdapterNameError: { status: 400, code: 'invalid_adapter_name', param: 'name' },
    AdapterExistsError: { status: 409, code: 'adapter_exists', param: 'name' },
    AdapterInUseError: { status: 409, code: 'adapter_in_use' },
    AdapterPinLimitError: { status: 409, code: 'adapter_pin_limit' },
    AdapterSlotsPinnedError: { status: 409, code: 'adapter_slots_pinned' },
    QueueFullError: { status: 429, code: 'queue_full' },
    ContextLengthError: { status: 400, code: 'context_length_exceeded' },
    EngineClosedError: { status: 503, code: 'engine_closed' },
  } satisfies Record<string, Mapping>),
)

export type ToApiErrorOptions = {
  /** Named in a 500's message, so a user can quote it and an operator find the logged error. */
  requestId?: string
}

/**
 * The one mapping from errors to API errors, shared by the HTTP layer and the in-process client: an
 * `ApiError` as is; the host's typed errors (by `name`) to their status, with their one-line message; anything
 * else to a 500 `server_error` that names the request id and nothing of the error itself.
 *
 * @example
 * const apiError = toApiError(error, { requestId })
 * res.status(apiError.status).json(apiError.body)
 */
export function toApiError(error: unknown, options: ToApiErrorOptions = {}): ApiError {
  if (error instanceof ApiError) return error
  const name = error instanceof Error ? error.name : undefined
  const mapping = name === undefined ? undefined : mappings.get(name)
  if (mapping) {
    const { status, ...rest } = mapping
    return new ApiError(status, shortMessageOf(error), { ...rest, cause: error })
  }
  const requestId = options.requestId ?? `req_${randomBytes(12).toString('hex')}`
  return new ApiError(
    500,
    `The server had an error while processing your request; quote request id ${requestId} to its operator.`,
    { cause: error },
  )
}
