import type { InvalidLine } from '../errors/import.js'
import type { RowInput } from './rowInputSchema.js'

/** An import file read into rows (with their 1-based line numbers) and the lines that could not be read. */
export type ParsedLines = { rows: { line: number; input: RowInput }[]; invalid: InvalidLine[] }
