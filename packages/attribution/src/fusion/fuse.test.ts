import { type Address, getAddress, type Hex, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { fuse } from './fuse.js'
import { type MethodScores, SHARE_SCALE } from './types.js'

const people = [1, 2, 3, 4, 5].map((n) => getAddress(pad(toHex(n * 0x1111), { size: 20 })))
const rowId = (n: number): Hex => pad(toHex(n), { size: 32 })
const row = (datanetId: bigint, n: number, contributor: Address, score: number) => ({
  datanetId,
  rowId: rowId(n),
  contributor,
  score,
})
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n)

describe('fuse', () => {
  test('normalises within each method, then weights the methods', () => {
    const [alice, bob] = [people[0]!, people[1]!]
    const result = fuse(
      [
        { method: 'span', rows: [row(1n, 1, alice, 3), row(1n, 2, bob, 1)] },
        { method: 'retrieval', rows: [row(1n, 2, bob, 0.5)] },
      ],
      { span: 0.5, retrieval: 0.5, influence: 1 },
    )
    // influence found nothing, so span and retrieval share its weight: alice 0.5×0.75, bob 0.5×0.25 + 0.5×1.
    expect(result).toEqual({
      evidence: true,
      contributions: [
        {
          datanetId: 1n,
          rowId: rowId(1),
          contributor: alice,
          weight: 375_000_000_000_000_000n,
          method: 'span',
        },
        {
          datanetId: 1n,
          rowId: rowId(2),
          contributor: bob,
          weight: 625_000_000_000_000_000n,
          method: 'retrieval',
        },
      ],
      contributors: [
        { contributor: bob, share: 625_000_000_000_000_000n },
        { contributor: alice, share: 375_000_000_000_000_000n },
      ],
      methodWeights: { span: 0.5, retrieval: 0.5 },
    })
  })

  test('equal scores split 1e18 with the odd wei to the lower address', () => {
    const rows = [row(1n, 3, people[2]!, 1), row(1n, 2, people[1]!, 1), row(1n, 1, people[0]!, 1)]
    const result = fuse([{ method: 'retrieval', rows }], { retrieval: 1 })
    if (!result.evidence) throw new Error('expected evidence')
    expect(result.contributors.map((c) => c.share)).toEqual([
      333333333333333334n,
      333333333333333333n,
      333333333333333333n,
    ])
    expect(result.contributors[0]!.contributor).toBe(people[0])
  })

  test('no evidence says so instead of forcing a split', () => {
    expect(fuse([], { span: 1 })).toEqual({
      evidence: false,
      reason: expect.stringContaining('no attribution'),
    })
    expect(
      fuse(
        [
          { method: 'span', rows: [] },
          { method: 'retrieval', rows: [row(1n, 1, people[0]!, 0)] },
        ],
        { span: 1 },
      ),
    ).toMatchObject({ evidence: false })
    expect(
      fuse([{ method: 'influence', rows: [row(1n, 1, people[0]!, 1)] }], { span: 1, influence: 0 }),
    ).toEqual({
      evidence: false,
      reason: 'only methods weighted 0 found evidence: influence',
    })
  })

  test('invalid weights and scores are clear errors', () => {
    const scores: MethodScores[] = [{ method: 'span', rows: [row(1n, 1, people[0]!, 1)] }]
    expect(() => fuse(scores, {})).toThrowErrorMatchingInlineSnapshot(`
      [InvalidMethodWeightsError: Invalid attribution method weights: all weights are 0.

      Weights are finite numbers ≥ 0 keyed by span, retrieval or influence, not all 0.]
    `)
    expect(() => fuse(scores, { span: Number.NaN })).toThrowErrorMatchingInlineSnapshot(`
      [InvalidMethodWeightsError: Invalid attribution method weights: span has weight NaN.

      Weights are finite numbers ≥ 0 keyed by span, retrieval or influence, not all 0.]
    `)
    expect(() => fuse(scores, { span: -1 })).toThrow(
      expect.objectContaining({ name: 'InvalidMethodWeightsError' }),
    )
    expect(() => fuse(scores, { bogus: 1 } as never)).toThrow(
      expect.objectContaining({ name: 'InvalidMethodWeightsError' }),
    )
    expect(() =>
      fuse([{ method: 'span', rows: [row(1n, 1, people[0]!, -1)] }], { span: 1 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidMethodScoresError: Invalid span scores: row 0 has score -1; scores are finite and ≥ 0.]`,
    )
    expect(() =>
      fuse([{ method: 'span', rows: [{ ...row(1n, 1, people[0]!, 1), rowId: '0x1234' }] }], { span: 1 }),
    ).toThrow(expect.objectContaining({ name: 'InvalidMethodScoresError' }))
    expect(() =>
      fuse(
        [
          { method: 'span', rows: [row(1n, 1, people[0]!, 1)] },
          { method: 'retrieval', rows: [row(1n, 1, people[1]!, 1)] },
        ],
        { span: 1 },
      ),
    ).toThrow(expect.objectContaining({ name: 'RowContributorConflictError' }))
  })

  test('maxRows keeps the heaviest rows and still sums to 1e18', () => {
    const rows = [1, 2, 3, 4].map((n) => row(1n, n, people[n]!, n))
    const result = fuse([{ method: 'span', rows }], { span: 1 }, { maxRows: 2 })
    if (!result.evidence) throw new Error('expected evidence')
    expect(result.contributions.map((c) => c.rowId)).toEqual([rowId(3), rowId(4)])
    expect(sum(result.contributions.map((c) => c.weight))).toBe(SHARE_SCALE)
  })
})
