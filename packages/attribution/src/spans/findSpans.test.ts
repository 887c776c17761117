import { createRandom } from '@openledger/lora-host/random'
import fc from 'fast-check'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { buildSpanIndex } from './buildSpanIndex.js'
import { findSpans } from './findSpans.js'
import { matchingStatistics } from './matchingStatistics.js'
import { bruteMatchingStatistics, bruteOccurrences } from './testing/bruteForce.js'
import { corpusArbitrary } from './testing/corpusArbitrary.js'
import { createZipf } from './testing/createZipf.js'

const alice: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const keepAll = { minLength: 1, maxTokenProbability: 1, maxOccurrences: 1_000_000 }

/** Maximal spans from brute-force matching statistics: a match is maximal when it ends past all earlier ones. */
function bruteMaximalSpans(lengths: number[]): { start: number; length: number }[] {
  const spans: { start: number; length: number }[] = []
  let reach = 0
  for (const [start, length] of lengths.entries()) {
    if (length > 0 && start + length > reach) spans.push({ start, length })
    reach = Math.max(reach, start + length)
  }
  return spans
}

describe('matchingStatistics', () => {
  it('gives the longest match inside one row at each answer position, as brute force does', () => {
    fc.assert(
      fc.property(corpusArbitrary, ({ rows, answer, input }) => {
        const index = buildSpanIndex(input)
        expect([...matchingStatistics(index, answer)]).toEqual(bruteMatchingStatistics(rows, answer))
      }),
      { numRuns: 500 },
    )
  })
})

describe('findSpans', () => {
  it('finds the maximal spans and all their occurrences, as brute force does', () => {
    fc.assert(
      fc.property(corpusArbitrary, ({ rows, answer, input }) => {
        const index = buildSpanIndex(input)
        const spans = findSpans(index, answer, keepAll)
        const expected = bruteMaximalSpans(bruteMatchingStatistics(rows, answer))
        expect(spans.map(({ start, length }) => ({ start, length }))).toEqual(expected)
        for (const span of spans) {
          const occurrences = bruteOccurrences(rows, answer.slice(span.start, span.start + span.length))
          expect(span.occurrences).toEqual(occurrences)
          expect(span.count).toBe(occurrences.length)
          for (const { row, offset } of span.occurrences)
            expect(offset + span.length).toBeLessThanOrEqual(rows[row]!.length)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('keeps spans of at least minLength and lists at most maxOccurrences, with the exact count', () => {
    fc.assert(
      fc.property(
        corpusArbitrary,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        ({ rows, answer, input }, minLength, maxOccurrences) => {
          const index = buildSpanIndex(input)
          const spans = findSpans(index, answer, { minLength, maxTokenProbability: 1, maxOccurrences })
          const expected = bruteMaximalSpans(bruteMatchingStatistics(rows, answer)).filter(
            (s) => s.length >= minLength,
          )
          expect(spans.map(({ start, length }) => ({ start, length }))).toEqual(expected)
          for (const span of spans) {
            const occurrences = bruteOccurrences(rows, answer.slice(span.start, span.start + span.length))
            expect(span.count).toBe(occurrences.length)
            // a capped list is a deterministic sample (the first in suffix order), listed in corpus order
            expect(span.occurrences).toHaveLength(Math.min(maxOccurrences, occurrences.length))
            expect(occurrences).toEqual(expect.arrayContaining(span.occurrences))
            const positions = span.occurrences.map(({ row, offset }) => row * 1e6 + offset)
            expect(positions).toEqual([...positions].sort((a, b) => a - b))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('trims spans to whole words when told which tokens continue a word', () => {
    fc.assert(
      fc.property(corpusArbitrary, fc.integer({ min: 0, max: 3 }), ({ rows, answer, input }, salt) => {
        const continuesWord = (token: number) => (token + salt) % 3 === 0
        const boundary = (at: number) => at === 0 || at === answer.length || !continuesWord(answer[at]!)
        const spans = findSpans(buildSpanIndex(input), answer, { ...keepAll, continuesWord })
        for (const [k, span] of spans.entries()) {
          const end = span.start + span.length
          expect(boundary(span.start) && boundary(end)).toBe(true)
          expect(span.occurrences).toEqual(bruteOccurrences(rows, answer.slice(span.start, end)))
          const previous = spans[k - 1]
          if (previous) expect(end).toBeGreaterThan(previous.start + previous.length)
        }
        // every whole-word match is inside a returned span
        const lengths = bruteMatchingStatistics(rows, answer)
        for (const [start, length] of lengths.entries()) {
          if (!boundary(start)) continue
          let end = start + length
          while (end > start && !boundary(end)) end--
          if (end === start) continue
          expect(spans.some((span) => span.start <= start && span.start + span.length >= end)).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('never joins two rows into one span', () => {
    const index = buildSpanIndex([
      { rowId: 'a', contributor: alice, tokens: [1, 2, 3] },
      { rowId: 'b', contributor: alice, tokens: [4, 5, 6] },
    ])
    const spans = findSpans(index, [1, 2, 3, 4, 5, 6], keepAll)
    expect(spans.map(({ start, length, occurrences }) => ({ start, length, occurrences }))).toEqual([
      { start: 0, length: 3, occurrences: [{ row: 0, offset: 0 }] },
      { start: 3, length: 3, occurrences: [{ row: 1, offset: 0 }] },
    ])
  })

  it('measures a span by its unigram self-information', () => {
    const index = buildSpanIndex([{ rowId: 'a', contributor: alice, tokens: [1, 1, 1, 2] }])
    const [span] = findSpans(index, [1, 1, 2], keepAll)
    // p(1) = 3/4, p(2) = 1/4: −log₂(3/4 · 3/4 · 1/4)
    expect(span!.information).toBeCloseTo(-Math.log2((3 / 4) * (3 / 4) * (1 / 4)), 12)
    expect(span!.tokenProbability).toBeCloseTo(((3 / 4) * (3 / 4) * (1 / 4)) ** (1 / 3), 12)
  })

  it('drops a long span of common tokens and keeps a rare span of the same length', () => {
    const next = createZipf({ vocabularySize: 32_000, random: createRandom(3) })
    const rows = Array.from({ length: 400 }, (_, r) => ({
      rowId: `r${r}`,
      contributor: alice,
      tokens: Array.from({ length: 100 }, next),
    }))
    const the = Array(24).fill(0) // the most frequent id, 'the the the …'
    const phrase = [0, 1, 2, 0, 3, 1, 0, 2, 4, 0, 1, 5, 2, 0, 1, 3, 0, 2, 1, 0, 4, 0, 1, 2] // frequent ids only
    rows[7]!.tokens.splice(10, 24, ...the)
    for (let r = 100; r < 160; r++) rows[r]!.tokens.splice(40, 24, ...phrase)
    const rare = rows[250]!.tokens.slice(30, 54)
    const index = buildSpanIndex(rows)
    const answer = [...the, 31_999, ...phrase, 31_999, ...rare]

    const all = findSpans(index, answer, { maxTokenProbability: 1 })
    expect(all.map((span) => span.length)).toEqual([24, 24, 24])
    expect(all[0]!.tokenProbability).toBeGreaterThan(0.05)
    expect(all[1]!.tokenProbability).toBeGreaterThan(0.02)
    expect(all[2]!.tokenProbability).toBeLessThan(0.005)

    const kept = findSpans(index, answer)
    expect(kept.map(({ start, length, occurrences }) => ({ start, length, occurrences }))).toEqual([
      { start: 50, length: 24, occurrences: [{ row: 250, offset: 30 }] },
    ])
  })

  it('finds nothing in an empty corpus or for tokens the corpus lacks', () => {
    expect(findSpans(buildSpanIndex([]), [1, 2, 3], keepAll)).toEqual([])
    const index = buildSpanIndex([{ rowId: 'a', contributor: alice, tokens: [1, 2, 3] }])
    expect(findSpans(index, [7, 8, 9, -1, 0.5, Number.NaN], keepAll)).toEqual([])
    expect(findSpans(index, [], keepAll)).toEqual([])
  })

  it('rejects options out of range', () => {
    const index = buildSpanIndex([])
    expect(() => findSpans(index, [], { minLength: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[SpanOptionsError: Span option minLength is 0; it must be an integer ≥ 1.]`,
    )
    expect(() => findSpans(index, [], { maxTokenProbability: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[SpanOptionsError: Span option maxTokenProbability is 0; it must be a number in (0, 1].]`,
    )
    expect(() => findSpans(index, [], { maxOccurrences: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[SpanOptionsError: Span option maxOccurrences is 1.5; it must be an integer ≥ 1.]`,
    )
  })
})
