import type { z } from 'zod'
import { InvalidInputError } from '../../errors/toolErrors.js'

/**
 * Validates a DeFi tool's input with `schema`; the first issue becomes an `InvalidInputError` naming its field.
 *
 * @example
 * const { tokenA, tokenB } = validateInput(z.object({ tokenA: z.string(), tokenB: z.string() }), input)
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new InvalidInputError(issue?.path.join('.') || 'input', issue?.message ?? 'invalid')
}
