import type { HttpError } from './HttpError.js'

/**
 * Whether an answered error is the server's fault and so goes to the logger: a 5xx other than 503 (a 503
 * says a dependency is down, with `Retry-After`; it is expected, not a bug).
 *
 * @example
 * if (isServerFault(http)) onError(error, requestId)
 */
export function isServerFault(error: HttpError): boolean {
  return error.status >= 500 && error.status !== 503
}
