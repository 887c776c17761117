const codes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
])
const names = new Set(['APIConnectionError', 'APIConnectionTimeoutError', 'EngineClosedError'])

/**
 * Whether an error (or one of its causes) says the model host could not be reached: a refused or reset
 * connection, `fetch failed`, the openai client's connection errors, or a closed in-process host.
 */
export function hostUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const e = current as {
      code?: unknown
      name?: unknown
      message?: unknown
      cause?: unknown
      errors?: unknown
    }
    if (typeof e.code === 'string' && codes.has(e.code)) return true
    if (typeof e.name === 'string' && names.has(e.name)) return true
    if (typeof e.message === 'string' && /fetch failed|ECONNREFUSED|socket hang up/i.test(e.message))
      return true
    if (Array.isArray(e.errors) && e.errors.some(hostUnreachable)) return true
    current = e.cause
  }
  return false
}
