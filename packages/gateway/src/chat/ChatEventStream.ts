import type { Response } from 'express'
import { openEventStream } from '../http/sse.js'
import type { Attribution } from './attributionObject.js'
import type { ChatUsage } from './chatUsage.js'

/** What every chunk and the JSON answer of one chat completion share. */
export type ChatCompletionMeta = { id: string; created: number; model: string }

/**
 * A chat completion's Server-Sent Events, in OpenAI's chunk shape. The stream opens with the first token (the
 * assistant role first), so a refusal or failure before it is still a plain HTTP error; it remembers what it
 * streamed, so the caller can be sent the rest of the answer the receipt hashes.
 *
 * @example
 * const stream = new ChatEventStream(response, { id, created, model: agent.id })
 * stream.token('Once')
 * stream.finish(attribution, usage)
 */
export class ChatEventStream {
  private events: ReturnType<typeof openEventStream> | undefined
  /** The answer's text sent so far. */
  streamed = ''

  constructor(
    private readonly response: Response,
    private readonly meta: ChatCompletionMeta,
  ) {}

  /** Whether the event stream (and so the 200 status) was sent. */
  get opened(): boolean {
    return this.events !== undefined
  }

  /** Sends one token of the answer. */
  readonly token = (token: string): void => {
    this.streamed += token
    this.open().send(this.chunk({ content: token }, null))
  }

  /**
   * Sends what the tokens left out of `answer`; false (sending nothing) when what was streamed is not the
   * start of the answer.
   */
  catchUp(answer: string): boolean {
    if (answer === this.streamed) return true
    if (!answer.startsWith(this.streamed)) return false
    this.open().send(this.chunk({ content: answer.slice(this.streamed.length) }, null))
    return true
  }

  /** The last chunks: `stop` with the attribution, the usage when asked, then `[DONE]`. */
  finish(attribution: Attribution, usage: ChatUsage | undefined): void {
    const events = this.open()
    events.send(this.chunk({}, 'stop', { attribution }))
    if (usage) events.send({ ...this.chunk({}, null), choices: [], usage })
    events.send('[DONE]')
    events.end()
  }

  /** Ends an opened stream with an error event (the status is sent already). */
  fail(body: unknown): void {
    this.events?.send(body)
    this.events?.end()
  }

  private open() {
    if (!this.events) {
      this.events = openEventStream(this.response)
      this.events.send(this.chunk({ role: 'assistant', content: '' }, null))
    }
    return this.events
  }

  private chunk(delta: object, finish: string | null, extra: object = {}) {
    const { id, created, model } = this.meta
    return {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    }
  }
}
