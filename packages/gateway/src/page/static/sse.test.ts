import { describe, expect, it } from 'vitest'
import { createSseParser } from './sse.js'

describe('createSseParser', () => {
  it('returns each event once its blank line arrives, whatever the pieces', () => {
    const body = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n'
    for (let size = 1; size <= body.length; size++) {
      const parser = createSseParser()
      const events: string[] = []
      for (let at = 0; at < body.length; at += size) events.push(...parser.push(body.slice(at, at + size)))
      events.push(...parser.flush())
      expect(events).toEqual(['{"a":1}', '{"b":2}', '[DONE]'])
    }
  })

  it('reads CRLF and CR line ends, even a CRLF split between pieces', () => {
    const parser = createSseParser()
    expect(parser.push('data: one\r')).toEqual([])
    expect(parser.push('\n\r\ndata: two\r\rdata: three\n\n')).toEqual(['one', 'two', 'three'])
  })

  it('joins multi-line data and skips comments, other fields and empty events', () => {
    const parser = createSseParser()
    expect(parser.push(': keep-alive\n\nevent: x\nid: 4\ndata: a\ndata:b\ndata\n\nretry: 5\n\n')).toEqual([
      'a\nb\n',
    ])
  })

  it('flush hands back a last event with no blank line after it', () => {
    const parser = createSseParser()
    expect(parser.push('data: tail')).toEqual([])
    expect(parser.flush()).toEqual(['tail'])
    expect(parser.flush()).toEqual([])
  })
})
