import { shortMessageOf } from '@openledger/errors'
import { HttpError, type HttpErrorOptions } from '@openledger/http'

type Mapping = { status: number } & Pick<HttpErrorOptions, 'type' | 'param' | 'code'>

/** The host's typed errors, by `name`, and what a caller of the API sees of each. */
const mappings = new Map<string, Mapping>(
  Object.entries({
    ModelNotServedError: { status: 404, code: 'model_not_found', param: 'model' },
    AdapterNotFoundError: { status: 404, code: 'model_not_found' },
    AdapterNotServableError: {
      status: 403,
      type: 'invalid_request_error',
      code: 'adapter_not_registered',
      param: 'model',
    },
    AdapterValidationError: { status: 400, code: 'invalid_adapter' },
    InvalidAdapterNameError: { status: 400, code: 'invalid_adapter_name', param: 'name' },
    AdapterExistsError: { status: 409, code: 'adapter_exists', param: 'name' },
    AdapterInUseError: { status: 409, code: 'adapter_in_use' },
    AdapterPinLimitError: { status: 409, code: 'adapter_pin_limit' },
    AdapterSlotsPinnedError: { status: 409, code: 'adapter_slots_pinned' },
    QueueFullError: { status: 429, code: 'queue_full' },
    ContextLengthError: { status: 400, code: 'context_length_exceeded' },
    EngineClosedError: { status: 503, type: 'server_error', code: 'engine_closed' },
  } satisfies Record<string, Mapping>),
)

/**
 * The host's typed errors (by `name`) as the `HttpError` a caller of its API sees, with their one-line
 * message; `undefined` for anything else. The `map` of the host's `errorHandler` and of `toHttpError` in the
 * in-process client and mid-stream, so that all three answer alike.
 *
 * @example
 * const http = toHttpError(error, { map: hostHttpError, requestId })
 * res.status(http.status).json(http.body)
 */
export function hostHttpError(error: unknown): HttpError | undefined {
  const mapping = error instanceof Error ? mappings.get(error.name) : undefined
  if (!mapping) return undefined
  const { status, ...rest } = mapping
  return new HttpError(status, shortMessageOf(error), { ...rest, cause: error })
}
