import type { Response } from 'express'

/** One Server-Sent Event carrying `data` as JSON (or the literal `[DONE]`). */
export function encodeSseData(data: unknown): string {
  const text = data === '[DONE]' ? '[DONE]' : JSON.stringify(data)
  return `${text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`
}

/** Starts an SSE response (no buffering by proxies) and returns a writer. */
export function openEventStream(response: Response) {
  response.status(200)
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8')
  response.setHeader('Cache-Control', 'no-cache, no-transform')
  response.setHeader('Connection', 'keep-alive')
  response.setHeader('X-Accel-Buffering', 'no')
  response.flushHeaders()
  return {
    send(data: unknown) {
      if (!response.writableEnded) response.write(encodeSseData(data))
    },
    end() {
      if (!response.writableEnded) response.end()
    },
  }
}
