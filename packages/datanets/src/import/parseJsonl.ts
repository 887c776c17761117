import type { ParsedLines } from './parsedLines.js'
import { describeIssues, rowInputSchema } from './rowInputSchema.js'

/**
 * Reads JSONL: one JSON object per line (`\n` or `\r\n`); blank lines are skipped. A line that is not JSON
 * or not a row is reported with its number, and the rest is read on.
 *
 * @example
 * const { rows, invalid } = parseJsonl('{"text":"Lily saw a red ball."}\n{"prompt":"Q","completion":"A"}\n')
 */
export function parseJsonl(source: string): ParsedLines {
  const parsed: ParsedLines = { rows: [], invalid: [] }
  for (const [index, raw] of source.split('\n').entries()) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (text.trim() === '') continue
    const line = index + 1
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      parsed.invalid.push({ line, message: `not JSON (${(error as Error).message})`, error })
      continue
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      parsed.invalid.push({ line, message: 'not a JSON object', error: undefined })
      continue
    }
    const result = rowInputSchema.safeParse(value)
    if (result.success) parsed.rows.push({ line, input: result.data })
    else parsed.invalid.push({ line, message: describeIssues(result.error), error: result.error })
  }
  return parsed
}
