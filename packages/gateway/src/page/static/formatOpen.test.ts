import { WEI_PER_OPEN } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { formatOpen } from './formatOpen.js'

describe('formatOpen', () => {
  it('formats wei as OPEN exactly, without floats', () => {
    expect(formatOpen('0')).toBe('0')
    expect(formatOpen('1')).toBe('0.000000000000000001')
    expect(formatOpen('1500000000000000')).toBe('0.0015')
    expect(formatOpen('1000000000000000000')).toBe('1')
    expect(formatOpen(12345n * WEI_PER_OPEN + WEI_PER_OPEN / 2n)).toBe('12,345.5')
    // Past 2^53 wei a float would already be wrong in the last digits.
    expect(formatOpen('123456789123456789123456789')).toBe('123,456,789.123456789123456789')
    expect(formatOpen(-25n * 10n ** 16n)).toBe('-0.25')
  })

  it('throws on a string that is not an integer', () => {
    expect(() => formatOpen('1.5')).toThrow(SyntaxError)
    expect(() => formatOpen('abc')).toThrow(SyntaxError)
  })
})
