import { HttpError } from './HttpError.js'

type BodyParserError = {
  type?: unknown
  status?: unknown
  expose?: unknown
  limit?: unknown
  message?: unknown
}

/**
 * body-parser's (`express.json()`) errors as the 4xx they are: malformed JSON a 400 `invalid_json`, a body
 * over the limit a 413 `request_too_large`, any other client error (an unsupported charset or encoding: 415)
 * its own status with body-parser's `type` as the code; `undefined` for anything else.
 *
 * @example
 * bodyParserHttpError(error)?.status // 413 for { type: 'entity.too.large', limit: 1024 }
 */
export function bodyParserHttpError(error: unknown): HttpError | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { type, status, expose, limit, message } = error as BodyParserError
  if (type === 'entity.parse.failed')
    return new HttpError(400, `The request body is not valid JSON: ${String(message)}.`, {
      code: 'invalid_json',
      cause: error,
    })
  if (type === 'entity.too.large')
    return new HttpError(413, `The request body is larger than the limit of ${String(limit)} bytes.`, {
      code: 'request_too_large',
      cause: error,
    })
  if (
    typeof type === 'string' &&
    expose === true &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  )
    return new HttpError(status, String(message), { code: type, cause: error })
  return undefined
}
