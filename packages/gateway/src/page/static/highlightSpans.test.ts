import { describe, expect, it } from 'vitest'
import { highlightSpans } from './highlightSpans.js'

const span = (start: number, end: number, rowId = 'r') => ({ start, end, rowId })

describe('highlightSpans', () => {
  it('cuts the answer at the spans and keeps the text whole', () => {
    const text = 'Swap ETH for USDC on Uniswap'
    const eth = span(5, 8)
    const usdc = span(13, 17)
    const segments = highlightSpans(text, [usdc, eth])
    expect(segments).toEqual([
      { text: 'Swap ', spans: [] },
      { text: 'ETH', spans: [eth] },
      { text: ' for ', spans: [] },
      { text: 'USDC', spans: [usdc] },
      { text: ' on Uniswap', spans: [] },
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('keeps overlapping spans apart: each piece lists the spans covering it', () => {
    const a = span(0, 6, 'a')
    const b = span(3, 9, 'b')
    expect(highlightSpans('abcdefghij', [a, b])).toEqual([
      { text: 'abc', spans: [a] },
      { text: 'def', spans: [a, b] },
      { text: 'ghi', spans: [b] },
      { text: 'j', spans: [] },
    ])
  })

  it('clamps spans out of range and drops empty or broken ones', () => {
    const wide = span(-4, 99)
    expect(highlightSpans('abc', [wide, span(2, 2), span(3, 1), span(Number.NaN, 2)])).toEqual([
      { text: 'abc', spans: [wide] },
    ])
    expect(highlightSpans('abc', [])).toEqual([{ text: 'abc', spans: [] }])
    expect(highlightSpans('', [span(0, 3)])).toEqual([])
  })
})
