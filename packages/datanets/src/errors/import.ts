import { BaseError } from '@openledger/errors'

/** One bad line of an import file: its 1-based line number (the first line of a multi-line CSV record). */
export type InvalidLine = { line: number; message: string; error: unknown }

const shown = 20

/**
 * An import file with bad lines; without `partial: true` nothing was imported. `lines` has every bad line
 * (line number and why); the message names the first 20.
 *
 * @example
 * try {
 *   await importRows(store, { datanet, file: 'rows.jsonl', signer })
 * } catch (error) {
 *   if (error instanceof ImportRowsError) for (const bad of error.lines) console.error(bad.line, bad.message)
 * }
 */
export class ImportRowsError extends BaseError {
  override name = 'ImportRowsError'
  readonly file: string
  readonly lines: InvalidLine[]

  constructor(file: string, lines: InvalidLine[]) {
    const numbers = lines.map((l) => l.line)
    super(
      `${file}: ${lines.length} bad line${lines.length === 1 ? '' : 's'} (${numbers.slice(0, shown).join(', ')}${lines.length > shown ? ', …' : ''}); nothing was imported.`,
      {
        metaMessages: [
          ...lines.slice(0, shown).map((l) => `line ${l.line}: ${l.message}`),
          ...(lines.length > shown ? [`… and ${lines.length - shown} more`] : []),
          'Fix them, or import with `partial: true` to keep the good lines.',
        ],
      },
    )
    this.file = file
    this.lines = lines
  }
}

/**
 * A file that cannot be imported at all: unreadable, an unknown format, a CSV header without `text` or
 * `prompt` and `completion` columns.
 *
 * @example
 * try {
 *   await importRows(store, { datanet, file: 'rows.csv', signer })
 * } catch (error) {
 *   if (error instanceof ImportFormatError) console.error(error.shortMessage)
 * }
 */
export class ImportFormatError extends BaseError {
  override name = 'ImportFormatError'
  readonly file: string

  constructor(file: string, reason: string, cause?: unknown) {
    super(`Cannot import ${file}: ${reason}.`, {
      cause,
      metaMessages: [
        'JSONL: one object per line, {"text": …} or {"prompt": …, "completion": …}, optionally license, contributor, signature.',
        'CSV: a header naming text, or prompt and completion (optionally license, contributor, signature).',
      ],
    })
    this.file = file
  }
}
