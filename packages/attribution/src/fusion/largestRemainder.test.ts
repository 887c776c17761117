import { WEI_PER_OPEN } from '@openledger/contracts'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { largestRemainder } from './largestRemainder.js'

describe('largestRemainder', () => {
  test('splits exactly, ties to the earlier index', () => {
    expect(largestRemainder(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n])
    expect(largestRemainder(10n, [0n, 1n, 1n])).toEqual([0n, 5n, 5n])
    expect(largestRemainder(0n, [0n, 0n])).toEqual([0n, 0n])
  })

  test('a positive total with nothing to split by is an error', () => {
    expect(() => largestRemainder(1n, [0n])).toThrow(RangeError)
  })

  test('sums to the total, monotone, zero gets zero', () => {
    const amounts = fc.array(fc.bigInt({ min: 0n, max: 10n ** 30n }), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: WEI_PER_OPEN }), amounts, (total, list) => {
        fc.pre(list.some((a) => a > 0n))
        const parts = largestRemainder(total, list)
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total)
        for (const [i, a] of list.entries()) {
          if (a === 0n) expect(parts[i]).toBe(0n)
          for (const [j, b] of list.entries()) if (a > b) expect(parts[i]! >= parts[j]!).toBe(true)
        }
      }),
    )
  })
})
