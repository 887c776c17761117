import type { Attribution } from '../chat/attributionObject.js'
import { createSseParser } from '../page/static/sse.js'

export type StreamChatParameters = {
  /** The gateway's base URL, e.g. `http://127.0.0.1:8080`. */
  url: string
  apiKey: string
  model: string
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[]
  maxTokens?: number
  signal?: AbortSignal
}

export type StreamChatReturnType = {
  status: number
  /** The content deltas joined. */
  text: string
  /** Content deltas received (at least one per token the answer role streamed). */
  deltas: number
  /** Whether `data: [DONE]` arrived. */
  done: boolean
  /** The `attribution` of the last chunk, when it came. */
  attribution: Attribution | undefined
  /** An OpenAI-style error: the body of a refusal, or an error event mid-stream. */
  error: { message: string; code?: string } | undefined
  /** Milliseconds from sending to the response headers, to the first content delta, and to the stream's end. */
  headersMs: number
  firstDeltaMs: number | undefined
  totalMs: number
}

/**
 * One streaming chat completion against the gateway, read the way the chat page reads it (fetch + the page's
 * SSE parser), timed from the client's side. Never throws for an HTTP refusal or an error event: they come
 * back in `error`; a network failure or an abort does throw.
 *
 * @example
 * const answer = await streamChat({ url, apiKey, model, messages: [{ role: 'user', content: 'Hi' }] })
 * answer.done && answer.attribution?.receiptId
 */
export async function streamChat(parameters: StreamChatParameters): Promise<StreamChatReturnType> {
  const started = performance.now()
  const response = await fetch(`${parameters.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${parameters.apiKey}`,
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    },
    body: JSON.stringify({
      model: parameters.model,
      messages: parameters.messages,
      stream: true,
      ...(parameters.maxTokens === undefined ? {} : { max_tokens: parameters.maxTokens }),
    }),
    ...(parameters.signal ? { signal: parameters.signal } : {}),
  })
  const headersMs = performance.now() - started
  const result: StreamChatReturnType = {
    status: response.status,
    text: '',
    deltas: 0,
    done: false,
    attribution: undefined,
    error: undefined,
    headersMs,
    firstDeltaMs: undefined,
    totalMs: headersMs,
  }
  if (!response.ok || !response.body) {
    const body = await response.text()
    result.error = errorOf(body) ?? { message: body.slice(0, 500) || `HTTP ${response.status}` }
    result.totalMs = performance.now() - started
    return result
  }
  const parser = createSseParser()
  const decoder = new TextDecoder()
  const take = (data: string) => {
    if (data === '[DONE]') {
      result.done = true
      return
    }
    const chunk = JSON.parse(data) as {
      choices?: { delta?: { content?: string } }[]
      attribution?: Attribution
      error?: { message: string; code?: string }
    }
    if (chunk.error) result.error = chunk.error
    const content = chunk.choices?.[0]?.delta?.content
    if (content) {
      result.firstDeltaMs ??= performance.now() - started
      result.text += content
      result.deltas += 1
    }
    if (chunk.attribution) result.attribution = chunk.attribution
  }
  for await (const bytes of response.body)
    for (const data of parser.push(decoder.decode(bytes, { stream: true }))) take(data)
  for (const data of parser.push(decoder.decode())) take(data)
  for (const data of parser.flush()) take(data)
  result.totalMs = performance.now() - started
  return result
}

function errorOf(body: string): { message: string; code?: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; code?: unknown } }
    if (typeof parsed.error?.message !== 'string') return undefined
    return {
      message: parsed.error.message,
      ...(typeof parsed.error.code === 'string' ? { code: parsed.error.code } : {}),
    }
  } catch {
    return undefined
  }
}
