import fc from 'fast-check'
import type { Address } from 'viem'
import type { SpanIndexRowInput } from '../types.js'

export type TestCorpus = {
  /** Each row's token ids. */
  rows: number[][]
  /** Pieces of rows with random tokens between: long matches, repeats, ids the corpus lacks. */
  answer: number[]
  /** The rows as `buildSpanIndex` takes them, two contributors alternating. */
  input: SpanIndexRowInput[]
}

/** Far-apart ids, the last the largest allowed: exercises the sparse (Map) ranking and rank order. */
const SPREAD = [5, 1000, 70_000, 4_000_000_000, 4_294_967_294]
const CONTRIBUTORS: Address[] = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
]

/**
 * Random small corpora for property tests: 1–4 symbols (so tokens repeat), 0–12 rows of 0–15 tokens (empty
 * and one-token rows included), ids either small or spread over the 32-bit range, and an answer built from
 * slices of the rows mixed with random tokens, one symbol possibly absent from the corpus.
 */
export const corpusArbitrary: fc.Arbitrary<TestCorpus> = fc
  .record({
    alphabet: fc.integer({ min: 1, max: 4 }),
    spread: fc.boolean(),
    rowLengths: fc.array(fc.nat({ max: 15 }), { maxLength: 12, size: 'max' }),
    seedTokens: fc.array(fc.nat({ max: 1000 }), { minLength: 200, maxLength: 200 }),
    pieces: fc.array(
      fc.record({
        row: fc.nat(),
        start: fc.nat(),
        length: fc.nat({ max: 12 }),
        noise: fc.array(fc.nat(), { maxLength: 4, size: 'max' }),
      }),
      { maxLength: 5, size: 'max' },
    ),
  })
  .map(({ alphabet, spread, rowLengths, seedTokens, pieces }) => {
    const id = (symbol: number) => (spread ? SPREAD[symbol]! : symbol)
    let next = 0
    const rows = rowLengths.map((length) =>
      Array.from({ length }, () => id(seedTokens[next++ % seedTokens.length]! % alphabet)),
    )
    const answer: number[] = []
    for (const piece of pieces) {
      const row = rows.length > 0 ? rows[piece.row % rows.length]! : []
      const start = row.length > 0 ? piece.start % row.length : 0
      answer.push(...row.slice(start, start + piece.length))
      answer.push(...piece.noise.map((token) => id(token % (alphabet + 1))))
    }
    const input = rows.map((tokens, r) => ({ rowId: `r${r}`, contributor: CONTRIBUTORS[r % 2]!, tokens }))
    return { rows, answer, input }
  })
