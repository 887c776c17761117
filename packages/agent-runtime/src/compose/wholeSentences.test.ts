import { describe, expect, test } from 'vitest'
import { wholeSentences } from './wholeSentences.js'

describe('wholeSentences', () => {
  test.each([
    [
      'This is the mid price, set by the ratio of the pool reserves.$sy bags.?!!arda',
      'This is the mid price, set by the ratio of the pool reserves.',
    ],
    [
      'A deep pool moves less for the same trade. One of the price, adds at the pri',
      'A deep pool moves less for the same trade.',
    ],
    [
      'Every swap pays a fee of 0.3 percent. It stays in the pool.',
      'Every swap pays a fee of 0.3 percent. It stays in the pool.',
    ],
    ['Done. I sent it.”', 'Done. I sent it.”'],
    [
      '  A spending limit lets me send up to an amount of a token from your Safe in',
      'A spending limit lets me send up to an amount of a token from your Safe in',
    ],
  ])('%s', (text, expected) => {
    expect(wholeSentences(text)).toBe(expected)
  })
})
