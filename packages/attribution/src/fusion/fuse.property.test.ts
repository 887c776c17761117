import fc from 'fast-check'
import { type Address, getAddress, type Hex, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { fuse } from './fuse.js'
import { type AttributionMethod, attributionMethods, type MethodScores, SHARE_SCALE } from './types.js'

const people = [1, 2, 3, 4, 5].map((n) => getAddress(pad(toHex(n * 0x1111), { size: 20 })))
const rowId = (n: number): Hex => pad(toHex(n), { size: 32 })
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n)

// Rows come from a small pool so that methods overlap and contributors own several rows.
const rowPool = Array.from({ length: 8 }, (_, n) => ({
  datanetId: BigInt(n % 2),
  rowId: rowId(n),
  contributor: people[(n * 3) % people.length]!,
}))
const score = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }))
const methodScores = fc.record({
  method: fc.constantFrom(...attributionMethods),
  rows: fc.array(
    fc.tuple(fc.nat(rowPool.length - 1), score).map(([n, s]) => ({ ...rowPool[n]!, score: s })),
    { maxLength: 10 },
  ),
})
const weights = fc
  .record({
    span: fc.double({ min: 0, max: 10, noNaN: true }),
    retrieval: fc.double({ min: 0, max: 10, noNaN: true }),
    influence: fc.double({ min: 0, max: 10, noNaN: true }),
  })
  .filter((w) => w.span + w.retrieval + w.influence > 0)
const input = fc.record({ methods: fc.array(methodScores, { maxLength: 4 }), weights })

function shuffle<T>(list: T[], keys: number[]): T[] {
  return list
    .map((item, i) => ({ item, key: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || b.i - a.i)
    .map(({ item }) => item)
}

describe('fuse properties', () => {
  test('with evidence, shares are ≥ 0 and sum to exactly 1e18, per row and per contributor', () => {
    fc.assert(
      fc.property(input, ({ methods, weights }) => {
        const result = fuse(methods, weights)
        if (!result.evidence) return
        expect(sum(result.contributions.map((c) => c.weight))).toBe(SHARE_SCALE)
        expect(sum(result.contributors.map((c) => c.share))).toBe(SHARE_SCALE)
        for (const c of result.contributions) expect(c.weight > 0n).toBe(true)
        for (const { contributor, share } of result.contributors)
          expect(
            sum(result.contributions.filter((c) => c.contributor === contributor).map((c) => c.weight)),
          ).toBe(share)
      }),
    )
  })

  test('evidence is absent exactly when no positively weighted method has a positive score', () => {
    fc.assert(
      fc.property(input, ({ methods, weights }) => {
        const has = methods.some((m) => weights[m.method] > 0 && m.rows.some((r) => r.score > 0))
        expect(fuse(methods, weights).evidence).toBe(has)
      }),
    )
  })

  test('any permutation of the input gives the identical output', () => {
    fc.assert(
      fc.property(
        input,
        fc.array(fc.double({ noNaN: true }), { minLength: 1 }),
        ({ methods, weights }, keys) => {
          const permuted = shuffle(methods, keys).map((m) => ({ ...m, rows: shuffle(m.rows, keys.slice(1)) }))
          expect(fuse(permuted, weights)).toEqual(fuse(methods, weights))
        },
      ),
    )
  })

  test('a contributor with strictly more fused score never gets a smaller share', () => {
    fc.assert(
      fc.property(input, ({ methods, weights }) => {
        const result = fuse(methods, weights)
        if (!result.evidence) return
        const fused = fusedScores(methods, weights)
        const shareOf = (a: Address) => result.contributors.find((c) => c.contributor === a)?.share ?? 0n
        for (const a of people)
          for (const b of people)
            if ((fused.get(a) ?? 0) > (fused.get(b) ?? 0) * (1 + 1e-9) + 1e-15)
              expect(shareOf(a) >= shareOf(b)).toBe(true)
      }),
    )
  })
})

/** The fusion rule in plain floats, as the documentation states it. */
function fusedScores(
  methods: MethodScores[],
  weights: Record<AttributionMethod, number>,
): Map<Address, number> {
  const totals = new Map<AttributionMethod, number>()
  for (const m of methods) for (const r of m.rows) totals.set(m.method, (totals.get(m.method) ?? 0) + r.score)
  const active = attributionMethods.filter((m) => (totals.get(m) ?? 0) > 0 && weights[m] > 0)
  const weightSum = active.reduce((s, m) => s + weights[m], 0)
  const fused = new Map<Address, number>()
  for (const m of methods) {
    if (!active.includes(m.method)) continue
    for (const r of m.rows) {
      const part = (weights[m.method] / weightSum) * (r.score / totals.get(m.method)!)
      fused.set(r.contributor, (fused.get(r.contributor) ?? 0) + part)
    }
  }
  return fused
}
