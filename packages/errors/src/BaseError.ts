export type BaseErrorParameters = {
  /** One line saying what went wrong, shown first. */
  details?: string | undefined
  /** Extra lines: what was expected, what to do next. */
  metaMessages?: string[] | undefined
  cause?: unknown
}

/**
 * The one error base of the project (after viem's): a one-line `shortMessage`, optional `details` and
 * `metaMessages`, a `cause`, and `walk()` to find a cause by predicate. Subclasses set an explicit `name`;
 * callers test `name`, never message text.
 *
 * @example
 * class NotFoundError extends BaseError {
 *   override name = 'NotFoundError'
 *   constructor(id: string) { super(`Nothing found for ${id}.`) }
 * }
 */
export class BaseError extends Error {
  override name = 'BaseError'
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: string[] | undefined

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const lines = [shortMessage]
    if (parameters.metaMessages?.length) lines.push('', ...parameters.metaMessages)
    if (parameters.details) lines.push('', `Details: ${parameters.details}`)
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.shortMessage = shortMessage
    this.details = parameters.details
    this.metaMessages = parameters.metaMessages
  }

  /** Follows `cause` links; returns the first error matching `predicate`, or the deepest one. */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this
    while (current) {
      if (predicate?.(current)) return current
      const next = (current as { cause?: unknown }).cause
      if (!next) return predicate ? undefined : current
      current = next
    }
    return undefined
  }
}

/** The first line of any thrown value, for a one-line CLI error. */
export function shortMessageOf(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage
  if (error instanceof Error) {
    const short = (error as { shortMessage?: unknown }).shortMessage
    if (typeof short === 'string') return short
    return error.message.split('\n')[0] ?? error.name
  }
  return String(error)
}
