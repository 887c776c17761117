import fc from 'fast-check'
import { getAddress, type Hex, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { type RetrievalEvidence, scoreRetrieval } from './scoreRetrieval.js'

const alice = getAddress(pad('0xa11ce', { size: 20 }))
const bob = getAddress(pad('0xb0b', { size: 20 }))
const rowId = (n: number): Hex => pad(toHex(n), { size: 32 })
const hit = (n: number, similarity: number, inPrompt = true, rank = n): RetrievalEvidence => ({
  datanetId: 7n,
  rowId: rowId(n),
  contributor: n % 2 ? alice : bob,
  similarity,
  rank,
  inPrompt,
})

describe('scoreRetrieval', () => {
  test('rows in the prompt count fully, dropped rows a fraction, dissimilar rows not at all', () => {
    const scores = scoreRetrieval([hit(1, 0.9), hit(2, 0.8, false), hit(3, -0.2), hit(4, 0.5)])
    expect(scores.method).toBe('retrieval')
    expect(scores.rows.map((r) => [r.rowId, r.score])).toEqual([
      [rowId(1), 0.9 ** 2],
      [rowId(2), 0.1 * 0.8 ** 2],
      [rowId(4), 0.5 ** 2],
    ])
  })

  test('options: floor, power, unused fraction 0, rank decay', () => {
    const evidence = [hit(1, 0.9), hit(2, 0.8, false), hit(3, 0.3)]
    expect(
      scoreRetrieval(evidence, { similarityFloor: 0.5, unusedFraction: 0 }).rows.map((r) => r.rowId),
    ).toEqual([rowId(1)])
    expect(scoreRetrieval([hit(1, 0.5)], { power: 1 }).rows[0]?.score).toBe(0.5)
    expect(scoreRetrieval([hit(1, 1, true, 3)], { rankDecay: 1 }).rows[0]?.score).toBe(0.25)
  })

  test('a row retrieved twice counts once, with its best score', () => {
    const scores = scoreRetrieval([hit(1, 0.4, false), hit(1, 0.6), hit(1, 0.5)])
    expect(scores.rows).toEqual([{ datanetId: 7n, rowId: rowId(1), contributor: alice, score: 0.6 ** 2 }])
  })

  test('nothing retrieved, or nothing similar, is no evidence', () => {
    expect(scoreRetrieval([])).toEqual({ method: 'retrieval', rows: [] })
    expect(scoreRetrieval([hit(1, -0.5), hit(2, 0)]).rows).toEqual([])
  })

  test('invalid evidence and options are clear errors', () => {
    expect(() => scoreRetrieval([hit(1, 1.5)])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidRetrievalEvidenceError: Invalid retrieval evidence at index 0: similarity 1.5 is not a cosine in [-1, 1].]`,
    )
    expect(() => scoreRetrieval([{ ...hit(1, 0.5), rowId: '0x12' }])).toThrow(
      expect.objectContaining({ name: 'InvalidRetrievalEvidenceError' }),
    )
    expect(() => scoreRetrieval([hit(1, 0.5)], { power: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidRetrievalOptionsError: Invalid retrieval scoring option power: 0; expected a finite number > 0.]`,
    )
    expect(() => scoreRetrieval([hit(1, 0.5), { ...hit(1, 0.5), contributor: bob }])).toThrow(
      expect.objectContaining({ name: 'RowContributorConflictError' }),
    )
  })

  test('score grows with similarity; order of the evidence does not matter', () => {
    const item = fc.record({
      n: fc.nat(20),
      similarity: fc.double({ min: -1, max: 1, noNaN: true }),
      inPrompt: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(item, { maxLength: 15 }), (items) => {
        const evidence = items.map((i) => hit(i.n, i.similarity, i.inPrompt))
        expect(scoreRetrieval([...evidence].reverse())).toEqual(scoreRetrieval(evidence))
        for (const row of scoreRetrieval(evidence).rows) expect(row.score).toBeGreaterThan(0)
      }),
    )
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          fc.pre(a < b)
          const score = (s: number) => scoreRetrieval([hit(1, s)]).rows[0]?.score ?? 0
          expect(score(a) <= score(b)).toBe(true)
        },
      ),
    )
  })
})
