import { describe, expect, it } from 'vitest'
import { formatShare } from './formatShare.js'

describe('formatShare', () => {
  it('formats 1e18 fixed-point shares as percentages, rounded half up', () => {
    expect(formatShare('1000000000000000000')).toBe('100.00%')
    expect(formatShare('750000000000000000')).toBe('75.00%')
    expect(formatShare(333333333333333333n)).toBe('33.33%')
    expect(formatShare(666666666666666667n)).toBe('66.67%')
    expect(formatShare('50000000000000')).toBe('0.01%')
    expect(formatShare('49999999999999')).toBe('0.00%')
  })

  it('throws on a string that is not an integer', () => {
    expect(() => formatShare('0.75')).toThrow(SyntaxError)
  })
})
