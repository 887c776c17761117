import { type CsvError, parse } from 'csv-parse/sync'
import { ImportFormatError } from '../errors/import.js'
import type { ParsedLines } from './parsedLines.js'
import { describeIssues, rowInputSchema } from './rowInputSchema.js'

const known = ['text', 'prompt', 'completion', 'license', 'contributor', 'signature'] as const
const optionalColumns = new Set(['license', 'contributor', 'signature'])

/**
 * Reads CSV (RFC 4180: quoted fields may hold commas, quotes and newlines; `\r\n` becomes `\n`). The header
 * names `text`, or `prompt` and `completion`, and optionally `license`, `contributor`, `signature`; other
 * columns are ignored. Empty optional cells count as absent. A record that does not parse, or has another
 * number of fields than the header, is reported with the line it starts on, and the rest is read on; an
 * unclosed quote swallows the rest of the file into one bad record.
 *
 * @example
 * const { rows, invalid } = parseCsv('text,license\n"Lily saw a red ball.",CC-BY-4.0\n', 'rows.csv')
 */
export function parseCsv(source: string, file: string): ParsedLines {
  const parsed: ParsedLines = { rows: [], invalid: [] }
  const records = parse(source.replace(/\r\n/g, '\n'), {
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      if (!error) return
      const end = Number(error.lines)
      const line = startLine(end, raw)
      const span = end > line ? ` (one bad record from line ${line} to ${end})` : ''
      parsed.invalid.push({ line, message: `${error.message}${span}`, error })
    },
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[]
  const [head, ...body] = records
  if (!head) throw new ImportFormatError(file, 'it has no header line')
  const header = head.record.map((name) => name.trim().toLowerCase())
  const hasText = header.includes('text')
  const hasPair = header.includes('prompt') && header.includes('completion')
  if (hasText === hasPair)
    throw new ImportFormatError(
      file,
      hasText
        ? 'its header has both text and prompt/completion columns'
        : `its header (${header.join(', ')}) names neither a text column nor prompt and completion columns`,
    )
  for (const { record, raw, info } of body) {
    const line = startLine(info.lines, raw)
    if (record.length !== header.length) {
      parsed.invalid.push({
        line,
        message: `${record.length} field${record.length === 1 ? '' : 's'} where the header has ${header.length}`,
        error: undefined,
      })
      continue
    }
    const object: Record<string, string> = {}
    for (const [i, name] of header.entries()) {
      const cell = record[i] ?? ''
      if ((known as readonly string[]).includes(name) && !(optionalColumns.has(name) && cell.trim() === ''))
        object[name] = cell
    }
    const result = rowInputSchema.safeParse(object)
    if (result.success) parsed.rows.push({ line, input: result.data })
    else parsed.invalid.push({ line, message: describeIssues(result.error), error: result.error })
  }
  parsed.invalid.sort((a, b) => a.line - b.line)
  return parsed
}

/** csv-parse counts the line a record ends on; a record spanning lines started that many newlines earlier. */
function startLine(endLine: number, raw: string | undefined): number {
  const body = (raw ?? '').replace(/^\n+/, '').replace(/\n$/, '')
  return endLine - (body.match(/\n/g)?.length ?? 0)
}
