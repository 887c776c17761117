import { createRandom } from '@openledger/lora-host/random'
import { type Address, getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { buildSpanIndex } from './buildSpanIndex.js'
import { findSpans } from './findSpans.js'
import { scoreSpans } from './scoreSpans.js'
import { createZipf } from './testing/createZipf.js'
import type { Span, SpanIndexRowInput } from './types.js'

const contributor = (i: number): Address => getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`)

/** 600 rows of Zipf pseudo-text (32k ids), 40–160 tokens each, from 30 contributors. */
function zipfCorpus(seed: number): SpanIndexRowInput[] {
  const next = createZipf({ vocabularySize: 32_000, random: createRandom(seed) })
  const random = createRandom(seed + 1)
  return Array.from({ length: 600 }, (_, r) => ({
    rowId: `row-${r}`,
    contributor: contributor(r % 30),
    tokens: Array.from({ length: 40 + Math.floor(random() * 120) }, next),
  }))
}

describe('scoreSpans', () => {
  const rows = zipfCorpus(11)
  const index = buildSpanIndex(rows)
  const fresh = createZipf({ vocabularySize: 32_000, random: createRandom(99) })

  it('gives the largest share to the contributor whose row an answer copies 20 tokens from', () => {
    const copied = rows[123]!.tokens as number[]
    const answer = [
      ...Array.from({ length: 60 }, fresh),
      ...copied.slice(15, 35),
      ...Array.from({ length: 60 }, fresh),
    ]
    const scores = scoreSpans(index, findSpans(index, answer))
    expect(scores.evidence).toBe(true)
    if (!scores.evidence) return
    expect(scores.rows[0]).toMatchObject({ rowId: 'row-123', contributor: contributor(123 % 30) })
    expect(scores.contributors[0]!.contributor).toBe(contributor(123 % 30))
    expect(scores.contributors[0]!.share).toBeGreaterThan(0.9)
    expect(scores.contributors.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 12)
  })

  it('says there is no evidence when the answer copies nothing', () => {
    const answer = Array.from({ length: 256 }, fresh)
    expect(findSpans(index, answer)).toEqual([])
    expect(scoreSpans(index, findSpans(index, answer))).toEqual({ evidence: false })
    expect(scoreSpans(index, [])).toEqual({ evidence: false })
  })

  it('does not depend on the order of the corpus rows', () => {
    const copied = rows[7]!.tokens as number[]
    const answer = [
      ...copied.slice(0, 30),
      ...Array.from({ length: 20 }, fresh),
      ...(rows[400]!.tokens as number[]),
    ]
    const reversed = buildSpanIndex([...rows].reverse())
    const strip = (scores: ReturnType<typeof scoreSpans>) =>
      scores.evidence ? { ...scores, rows: scores.rows.map(({ row: _, ...rest }) => rest) } : scores
    expect(strip(scoreSpans(reversed, findSpans(reversed, answer)))).toEqual(
      strip(scoreSpans(index, findSpans(index, answer))),
    )
  })

  it('splits a span equally among the rows it occurs in, and credits only the listed part of a capped one', () => {
    const small = buildSpanIndex(
      ['a', 'b', 'c', 'd'].map((rowId, r) => ({ rowId, contributor: contributor(r), tokens: [] })),
    )
    const span = (information: number, rowsOf: number[], count = rowsOf.length): Span => ({
      start: 0,
      length: 8,
      count,
      information,
      tokenProbability: 0.001,
      occurrences: rowsOf.map((row) => ({ row, offset: 0 })),
    })
    const scores = scoreSpans(small, [span(60, [0, 1, 1]), span(30, [2]), span(40, [3, 3], 8)])
    expect(scores).toEqual({
      evidence: true,
      total: 30 + 30 + 30 + 10,
      rows: [
        { row: 0, rowId: 'a', contributor: contributor(0), score: 30, share: 0.3, spans: [0] },
        { row: 1, rowId: 'b', contributor: contributor(1), score: 30, share: 0.3, spans: [0] },
        { row: 2, rowId: 'c', contributor: contributor(2), score: 30, share: 0.3, spans: [1] },
        { row: 3, rowId: 'd', contributor: contributor(3), score: 10, share: 0.1, spans: [2] },
      ],
      contributors: [
        { contributor: contributor(0), score: 30, share: 0.3 },
        { contributor: contributor(1), score: 30, share: 0.3 },
        { contributor: contributor(2), score: 30, share: 0.3 },
        { contributor: contributor(3), score: 10, share: 0.1 },
      ],
    })
  })
})
