import { SHARE_SCALE } from '@openledger/attribution'
import { describe, expect, it } from 'vitest'
import { formatShare } from './formatShare.js'
import { ansiHighlight, bracketHighlight, highlightSpans } from './highlightSpans.js'

// One token per character: decode is a join, so token offsets are text offsets.
const text = 'Lily saw a big red ball near the old tree.'
const tokens = [...text].map((c) => c.codePointAt(0)!)
const decode = (ids: readonly number[]) => String.fromCodePoint(...ids)

describe('highlightSpans', () => {
  it('marks spans, merging overlapping ones and leaving leading whitespace outside', () => {
    const spans = [
      { start: 4, length: 10 },
      { start: 9, length: 9 },
      { start: 28, length: 4 },
    ]
    expect(highlightSpans(tokens, spans, decode, bracketHighlight)).toBe(
      'Lily [[saw a big red]] ball near [[the]] old tree.',
    )
    expect(highlightSpans(tokens, [{ start: 0, length: 4 }], decode, ansiHighlight)).toBe(
      `\x1b[1;4;33mLily\x1b[0m saw a big red ball near the old tree.`,
    )
  })

  it('returns the text unchanged without spans', () => {
    expect(highlightSpans(tokens, [], decode, bracketHighlight)).toBe(text)
  })
})

describe('formatShare', () => {
  it('prints a 1e18 fixed-point share as a percentage with 2 decimals, rounded half up', () => {
    expect(formatShare(SHARE_SCALE)).toBe('100.00%')
    expect(formatShare(875_000_000_000_000_000n)).toBe('87.50%')
    expect(formatShare(333_333_333_333_333_333n)).toBe('33.33%')
    expect(formatShare(66_665_000_000_000_000n)).toBe('6.67%')
    expect(formatShare(0n)).toBe('0.00%')
  })
})
