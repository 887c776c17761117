import { isServerFault, toHttpError } from '@openledger/http'
import type { Response } from 'express'
import { hostHttpError } from '../api/hostHttpError.js'

export type SendEventStreamOptions = {
  requestId: string
  /** Told of errors that become a server fault (a 5xx but 503) mid-stream. */
  onError: (error: unknown, requestId: string) => void
}

/**
 * Streams chunks as server-sent events in OpenAI's format: `data: <json>\n\n` per chunk, then
 * `data: [DONE]\n\n`. An error mid-stream (the status is sent already) becomes one `data: {"error": …}` event
 * and ends the stream, as OpenAI does. When the client goes away, iteration stops, which cancels the
 * generation.
 *
 * @example
 * await sendEventStream(res, chunks, { requestId: requestIdOf(res), onError: console.error })
 */
export async function sendEventStream(
  res: Response,
  chunks: AsyncIterable<unknown>,
  options: SendEventStreamOptions,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  })
  res.flushHeaders()
  const send = async (data: string) => {
    if (res.write(`data: ${data}\n\n`)) return
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done).off('close', done)
        resolve()
      }
      res.on('drain', done).on('close', done)
    })
  }
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) break
      await send(JSON.stringify(chunk))
    }
    if (!res.destroyed) await send('[DONE]')
  } catch (error) {
    const http = toHttpError(error, { map: hostHttpError, requestId: options.requestId })
    if (isServerFault(http)) options.onError(error, options.requestId)
    if (!res.destroyed) await send(JSON.stringify(http.body))
  } finally {
    res.end()
  }
}
