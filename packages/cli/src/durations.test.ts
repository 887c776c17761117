import { describe, expect, it } from 'vitest'
import { formatDuration, formatPeriod } from './format.js'
import { parseDuration } from './options.js'

describe('durations', () => {
  it('parses seconds and s, m, h, d from 1 second to 365 days', () => {
    expect(['1', '90', '30s', '15m', '24h', '7d', '365d'].map(parseDuration)).toEqual([
      1n,
      90n,
      30n,
      900n,
      86_400n,
      604_800n,
      31_536_000n,
    ])
    for (const bad of ['0', '0d', '366d', '1.5h', 'h', '-1', '1w', ''])
      expect(() => parseDuration(bad)).toThrow(/is not a duration from 1 second to 365 days/)
  })

  it('prints a duration in its largest whole unit, and a period without a leading 1', () => {
    expect([1n, 90n, 120n, 3_600n, 7_200n, 86_400n, 90_000n].map(formatDuration)).toEqual([
      '1 second',
      '90 seconds',
      '2 minutes',
      '1 hour',
      '2 hours',
      '1 day',
      '25 hours',
    ])
    expect([86_400n, 604_800n, 10n].map(formatPeriod)).toEqual(['day', '7 days', '10 seconds'])
  })
})
