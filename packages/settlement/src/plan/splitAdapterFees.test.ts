import fc from 'fast-check'
import { type Address, getAddress, type Hex, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { splitAdapterFees } from './splitAdapterFees.js'

const addr = (n: number): Address => getAddress(pad(toHex(n), { size: 20 }))
const hash = (n: number): Hex => pad(toHex(n), { size: 32 })
const [ann, ben, treasury] = [addr(0xa), addr(0xb), addr(0x7)]
const creators = new Map<Hex, Address>([
  [hash(1), ann],
  [hash(2), ben],
])
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

describe('splitAdapterFees', () => {
  test('splits each agent pool by fee ÷ adapters; unknown adapters and dust go to the treasury', () => {
    const payees = splitAdapterFees({
      receipts: [
        { agentId: 1n, fee: 1000n, adapters: [hash(1), hash(2)] }, // ann 1/2, ben 1/2
        { agentId: 1n, fee: 500n, adapters: [hash(1)] }, // ann
        { agentId: 2n, fee: 999n, adapters: [hash(2), hash(3)] }, // ben 1/2, unknown 1/2
        { agentId: 2n, fee: 1n, adapters: [] }, // the treasury
      ],
      bps: 1000,
      creators,
      treasury,
    })
    // agent 1: pool ⌊1500 × 0.1⌋ = 150; ann 150 × 1000/1500 = 100, ben 50.
    // agent 2: pool ⌊1000 × 0.1⌋ = 100; ben ⌊100 × 499.5/1000⌋ = 49; the treasury 51.
    expect(payees).toEqual([
      { creator: treasury, amount: 51n },
      { creator: ann, amount: 100n },
      { creator: ben, amount: 99n },
    ])
  })

  test('always pays exactly the pool FeeRouter computes, never a creator more than its exact share', () => {
    const receipt = fc.record({
      agentId: fc.bigInt({ min: 1n, max: 4n }),
      fee: fc.bigInt({ min: 0n, max: 10n ** 24n }),
      adapters: fc.uniqueArray(fc.integer({ min: 1, max: 4 }).map(hash), { maxLength: 3 }),
    })
    fc.assert(
      fc.property(
        fc.array(receipt, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 10_000 }),
        (receipts, bps) => {
          const payees = splitAdapterFees({ receipts, bps, creators, treasury })
          const fees = new Map<bigint, bigint>()
          for (const r of receipts) fees.set(r.agentId, (fees.get(r.agentId) ?? 0n) + r.fee)
          const pool = sum([...fees.values()].map((f) => (f * BigInt(bps)) / 10_000n))
          expect(sum(payees.map((p) => p.amount))).toBe(pool)
          for (const p of payees) expect(p.amount > 0n).toBe(true)
          // ann's exact share, as a rational over each agent: never exceeded.
          const annPaid = payees.find((p) => p.creator === ann)?.amount ?? 0n
          let annBound = 0n
          for (const [agentId, agentFees] of fees) {
            if (agentFees === 0n) continue
            const agentPool = (agentFees * BigInt(bps)) / 10_000n
            const share = receipts
              .filter((r) => r.agentId === agentId && r.adapters.includes(hash(1)))
              .reduce((s, r) => s + (agentPool * r.fee * 12n) / BigInt(r.adapters.length), 0n)
            annBound += share / (agentFees * 12n) + 1n
          }
          expect(annPaid <= annBound).toBe(true)
          const reversed = splitAdapterFees({ receipts: [...receipts].reverse(), bps, creators, treasury })
          expect(reversed).toEqual(payees)
        },
      ),
      { seed: 5, numRuns: 200 },
    )
  })
})
