import type { Response } from 'express'

/**
 * An express `Response` for unit tests of the chat handler's pieces: it keeps the headers, the SSE writes (as
 * parsed events), the JSON body and whether it ended. Only the calls those pieces make are there.
 *
 * @example
 * const { response, events } = fakeResponse()
 * new ChatEventStream(response, meta).token('Once')
 * events() // [{ …, delta: { role: 'assistant', content: '' } }, { …, delta: { content: 'Once' } }]
 */
export function fakeResponse() {
  const written: string[] = []
  const headers: Record<string, string> = {}
  let json: unknown
  let ended = false
  const response = {
    locals: { requestId: 'req_0123456789abcdef0123456789abcdef' },
    on: () => response,
    once: () => response,
    writableFinished: false,
    status: () => response,
    setHeader: (name: string, value: string) => {
      headers[name] = value
      return response
    },
    flushHeaders: () => {},
    write: (text: string) => written.push(text),
    end: () => {
      ended = true
    },
    json: (body: unknown) => {
      json = body
    },
    get writableEnded() {
      return ended
    },
  }
  const events = () =>
    written.map((text) => {
      const data = text.replace(/^data: /, '').trim()
      return data === '[DONE]' ? data : JSON.parse(data)
    })
  return {
    response: response as unknown as Response,
    headers,
    events,
    json: () => json,
    ended: () => ended,
  }
}
