import fc from 'fast-check'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { buildSpanIndex } from './buildSpanIndex.js'
import { checkSpanIndex } from './checkSpanIndex.js'
import { bruteSuffixArray } from './testing/bruteForce.js'
import { corpusArbitrary } from './testing/corpusArbitrary.js'

const alice: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('buildSpanIndex', () => {
  it('sorts the suffixes of the rows joined by separators, the separator above every id', () => {
    fc.assert(
      fc.property(corpusArbitrary, ({ rows, input }) => {
        const index = buildSpanIndex(input)
        const joined = rows.flatMap((row) => [...row, Number.MAX_SAFE_INTEGER])
        expect([...index.suffixArray]).toEqual(bruteSuffixArray(joined))
        expect([...index.text].map((rank) => index.vocabulary[rank] ?? Number.MAX_SAFE_INTEGER)).toEqual(
          joined,
        )
        expect(checkSpanIndex(index)).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a boundary table, unigram counts and checksummed contributors', () => {
    const index = buildSpanIndex([
      { rowId: 'a', contributor: alice.toLowerCase() as `0x${string}`, tokens: [9, 7, 9] },
      { rowId: 'b', contributor: alice, tokens: [] },
      { rowId: 'c', contributor: alice, tokens: new Uint32Array([7]) },
    ])
    expect([...index.rowStarts]).toEqual([0, 4, 5, 7])
    expect([...index.vocabulary]).toEqual([7, 9])
    expect([...index.counts]).toEqual([2, 2])
    expect([...index.text]).toEqual([1, 0, 1, 2, 2, 0, 2])
    expect(index.tokenCount).toBe(4)
    expect(index.rows).toEqual([
      { rowId: 'a', contributor: alice },
      { rowId: 'b', contributor: alice },
      { rowId: 'c', contributor: alice },
    ])
  })

  it('reports its phases', () => {
    const phases: string[] = []
    buildSpanIndex([{ rowId: 'a', contributor: alice, tokens: [1, 2] }], {
      onProgress: ({ phase, tokens }) => phases.push(`${phase} ${tokens}`),
    })
    expect(phases).toEqual(['encode 2', 'sort 2', 'done 2'])
  })

  it('rejects what it cannot index', () => {
    const row = { rowId: 'a', contributor: alice, tokens: [1] }
    expect(() => buildSpanIndex([{ ...row, tokens: [1, -1] }])).toThrowErrorMatchingInlineSnapshot(
      `[SpanIndexInputError: Cannot index this corpus: row a: token 1 is -1, not an integer in [0, 4294967295).]`,
    )
    expect(() => buildSpanIndex([{ ...row, tokens: [0.5] }])).toThrow(/token 0 is 0.5/)
    expect(() => buildSpanIndex([{ ...row, tokens: [2 ** 32 - 1] }])).toThrow(/token 0 is 4294967295/)
    expect(() => buildSpanIndex([row, row])).toThrowErrorMatchingInlineSnapshot(
      `[SpanIndexInputError: Cannot index this corpus: row id a appears twice.]`,
    )
    expect(() => buildSpanIndex([{ ...row, contributor: '0x12' }])).toThrowErrorMatchingInlineSnapshot(
      `[SpanIndexInputError: Cannot index this corpus: row a: contributor 0x12 is not an address.]`,
    )
  })

  it('indexes an empty corpus', () => {
    const index = buildSpanIndex([])
    expect(index.text.length).toBe(0)
    expect([...index.rowStarts]).toEqual([0])
    expect(checkSpanIndex(index)).toBeUndefined()
  })
})
