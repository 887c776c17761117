import { EmptyRowError, InvalidRowInputError, RowTooLargeError } from '../errors/contribution.js'
import type { RowContent, RowLimits } from '../types.js'

/** 16 KiB of UTF-8 per row. */
export const DEFAULT_ROW_LIMITS: RowLimits = { maxBytes: 16_384 }

const encoder = new TextEncoder()

/**
 * Checks a row's content: a known kind, every field a string that is not only whitespace
 * (`EmptyRowError`), and all fields together within `limits` (`RowTooLargeError`, in UTF-8 bytes, and in
 * tokens when a token counter is given).
 *
 * @example
 * checkRowContent({ kind: 'prompt_completion', prompt: 'Q: 2+2?', completion: '4' }, { maxBytes: 1024 })
 */
export function checkRowContent(content: RowContent, limits: Partial<RowLimits> = {}): void {
  const { maxBytes = DEFAULT_ROW_LIMITS.maxBytes, maxTokens, countTokens } = limits
  const fields = fieldsOf(content)
  for (const [field, value] of fields) {
    if (typeof value !== 'string') throw new InvalidRowInputError(field, value, 'a string')
    if (value.trim() === '') throw new EmptyRowError(field)
  }
  const texts = fields.map(([, value]) => value)
  const bytes = texts.reduce((sum, text) => sum + encoder.encode(text).length, 0)
  if (bytes > maxBytes) throw new RowTooLargeError(bytes, maxBytes, 'bytes')
  if (maxTokens !== undefined && countTokens) {
    const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0)
    if (tokens > maxTokens) throw new RowTooLargeError(tokens, maxTokens, 'tokens')
  }
}

function fieldsOf(content: RowContent): ['text' | 'prompt' | 'completion', string][] {
  if (content?.kind === 'text') return [['text', content.text]]
  if (content?.kind === 'prompt_completion')
    return [
      ['prompt', content.prompt],
      ['completion', content.completion],
    ]
  throw new InvalidRowInputError(
    'content.kind',
    (content as { kind?: unknown })?.kind,
    "'text' or 'prompt_completion'",
  )
}
