import { describe, expect, test } from 'vitest'
import { fakeResponse } from '../testing/fakeResponse.js'
import type { Attribution } from './attributionObject.js'
import { ChatEventStream } from './ChatEventStream.js'

const meta = { id: 'chatcmpl-1', created: 1_700_000_000, model: 'story-teller' }
const deltas = (events: unknown[]) =>
  events.map((event) =>
    event === '[DONE]' ? event : (event as { choices: { delta: object }[] }).choices[0]?.delta,
  )

describe('ChatEventStream', () => {
  test('opens with the first token, the assistant role first, and sends the rest of the answer', () => {
    const { response, events } = fakeResponse()
    const stream = new ChatEventStream(response, meta)
    expect(stream.opened).toBe(false)
    stream.token('Once')
    expect(stream.opened).toBe(true)
    expect(stream.catchUp('Once upon a time')).toBe(true)
    expect(deltas(events())).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Once' },
      { content: ' upon a time' },
    ])
    expect(events()[0]).toMatchObject({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      model: 'story-teller',
    })
  })

  test('sends nothing to catch up when what it streamed is not the start of the answer', () => {
    const { response, events } = fakeResponse()
    const stream = new ChatEventStream(response, meta)
    stream.token('Twice')
    expect(stream.catchUp('Once upon a time')).toBe(false)
    expect(events()).toHaveLength(2)
  })

  test('finishes with stop and the attribution, the usage when asked, then [DONE]', () => {
    const { response, events, ended } = fakeResponse()
    const stream = new ChatEventStream(response, meta)
    const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }
    stream.finish({ receiptId: '0x01' } as unknown as Attribution, usage)
    const sent = events()
    expect(sent).toHaveLength(4)
    expect(sent[1]).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
      attribution: { receiptId: '0x01' },
    })
    expect(sent[2]).toMatchObject({ choices: [], usage })
    expect(sent[3]).toBe('[DONE]')
    expect(ended()).toBe(true)
  })

  test('fails only a stream that opened', () => {
    const closed = fakeResponse()
    new ChatEventStream(closed.response, meta).fail({ error: { message: 'x' } })
    expect(closed.events()).toEqual([])
    const open = fakeResponse()
    const stream = new ChatEventStream(open.response, meta)
    stream.token('Once')
    stream.fail({ error: { message: 'x' } })
    expect(open.events().at(-1)).toEqual({ error: { message: 'x' } })
    expect(open.ended()).toBe(true)
  })
})
