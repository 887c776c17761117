import { SpanIndexInputError } from './errors.js'
import type { SpanIndexRowInput } from './types.js'

/** Token ids must fit 32 bits; the all-ones value is kept out so no id can be mistaken for a marker. */
const MAX_TOKEN = 0xfffffffe
/** Positions are 32-bit signed while the suffix array is built. */
const MAX_TEXT = 0x7ffffffe

export type EncodedCorpus = {
  text: Uint32Array
  rowStarts: Uint32Array
  vocabulary: Uint32Array
  counts: Uint32Array
  tokenCount: number
}

/**
 * Concatenates the rows' tokens, each row followed by a separator, and replaces every token id by its rank
 * among the corpus's distinct ids; the separator is the largest rank, `vocabulary.length`. Ranks keep the
 * ids' order, so the suffix order is the same as over the raw ids with the separator above every id, and the
 * suffix sort's alphabet is the corpus's own vocabulary, however large the ids are. Temporary memory: a
 * count table of (largest id + 1) entries when that is at most the text's length (or 2¹⁶), else a Map of
 * the distinct ids.
 *
 * @example
 * const { text } = encodeCorpus([{ rowId: 'a', contributor, tokens: [7, 9] }]) // Uint32Array [0, 1, 2]
 */
export function encodeCorpus(rows: readonly SpanIndexRowInput[]): EncodedCorpus {
  let length = rows.length
  for (const row of rows) length += row.tokens.length
  if (length > MAX_TEXT) throw new SpanIndexInputError(`${length} tokens and separators exceed ${MAX_TEXT}`)

  const text = new Uint32Array(length)
  const rowStarts = new Uint32Array(rows.length + 1)
  let position = 0
  let largest = 0
  for (const [r, row] of rows.entries()) {
    rowStarts[r] = position
    const tokens = row.tokens
    for (let i = 0; i < tokens.length; i++) {
      const id = tokens[i]!
      if (!(id >= 0 && id <= MAX_TOKEN && id === Math.floor(id))) {
        throw new SpanIndexInputError(
          `row ${row.rowId}: token ${i} is ${id}, not an integer in [0, 4294967295)`,
        )
      }
      text[position++] = id
      if (id > largest) largest = id
    }
    position++ // the separator, filled once ranks are known
  }
  rowStarts[rows.length] = position
  const tokenCount = length - rows.length

  const { vocabulary, counts } =
    largest < Math.max(length, 1 << 16) ? rankDense(text, rowStarts, largest) : rankSparse(text, rowStarts)
  const separator = vocabulary.length
  for (let r = 1; r < rowStarts.length; r++) text[rowStarts[r]! - 1] = separator
  return { text, rowStarts, vocabulary, counts, tokenCount }
}

/** Counts ids in a table indexed by id, then reuses the table as the id → rank map. */
function rankDense(text: Uint32Array, rowStarts: Uint32Array, largest: number) {
  const table = new Uint32Array(largest + 1)
  forEachToken(rowStarts, (i) => table[text[i]!]!++)
  let distinct = 0
  for (let id = 0; id <= largest; id++) if (table[id]! > 0) distinct++
  const vocabulary = new Uint32Array(distinct)
  const counts = new Uint32Array(distinct)
  for (let id = 0, rank = 0; id <= largest; id++) {
    const count = table[id]!
    if (count === 0) continue
    vocabulary[rank] = id
    counts[rank] = count
    table[id] = rank++
  }
  forEachToken(rowStarts, (i) => {
    text[i] = table[text[i]!]!
  })
  return { vocabulary, counts }
}

/** For corpora whose ids are far larger than the corpus: a Map of the distinct ids. */
function rankSparse(text: Uint32Array, rowStarts: Uint32Array) {
  const table = new Map<number, number>()
  forEachToken(rowStarts, (i) => {
    const id = text[i]!
    table.set(id, (table.get(id) ?? 0) + 1)
  })
  const vocabulary = Uint32Array.from(table.keys()).sort()
  const counts = new Uint32Array(vocabulary.length)
  for (const [rank, id] of vocabulary.entries()) {
    counts[rank] = table.get(id)!
    table.set(id, rank)
  }
  forEachToken(rowStarts, (i) => {
    text[i] = table.get(text[i]!)!
  })
  return { vocabulary, counts }
}

/** Calls `visit` with each token position, skipping the separators' slots. */
function forEachToken(rowStarts: Uint32Array, visit: (position: number) => void): void {
  for (let r = 0; r + 1 < rowStarts.length; r++) {
    const end = rowStarts[r + 1]! - 1
    for (let i = rowStarts[r]!; i < end; i++) visit(i)
  }
}
