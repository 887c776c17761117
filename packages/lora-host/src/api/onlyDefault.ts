import { z } from 'zod'

/**
 * A field of OpenAI's API this host accepts only at its default value (or null, or absent); any other value
 * is a 400 naming the field, never silently ignored.
 *
 * @example
 * z.object({ n: onlyDefault(1, 'one choice per request') }) // { n: 2 } → "Invalid 'n': only 1 is supported…"
 */
export function onlyDefault<T extends string | number | boolean | null>(value: T, why: string) {
  const error = `only ${JSON.stringify(value)} is supported (${why})`
  return (value === null ? z.null({ error }) : z.literal(value, { error })).nullish()
}
