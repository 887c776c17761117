import type { SamplingParameters } from './sampling.js'

export type GenerateRequest = SamplingParameters & {
  /** Prompt token ids (BOS included if the model wants one). */
  prompt: readonly number[]
  /** A registered adapter id; absent for the plain base model. */
  adapter?: string | undefined
  maxTokens: number
  /** Default: a random seed. */
  seed?: number | undefined
  /** Generation stops before the first of these strings. */
  stop?: readonly string[] | undefined
  /** Aborting frees the request's row at the next decode step. */
  signal?: AbortSignal | undefined
}

export type FinishReason = 'stop' | 'length' | 'cancelled'

export type GenerationResult = {
  text: string
  tokens: number[]
  finishReason: FinishReason
  usage: { promptTokens: number; completionTokens: number }
  /** Milliseconds from submission to the first token. */
  timeToFirstTokenMs: number
}

/**
 * A running generation: iterate it for text as it is produced (chunks never split a UTF-8 character and never
 * include a stop string), or await `result`.
 */
export class Generation implements AsyncIterable<string> {
  readonly result: Promise<GenerationResult>
  private resolveResult!: (result: GenerationResult) => void
  private rejectResult!: (error: unknown) => void
  private readonly chunks: string[] = []
  private waiting: (() => void) | undefined
  private ended = false
  private failure: unknown

  constructor() {
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve
      this.rejectResult = reject
    })
    this.result.catch(() => {}) // iterating callers see the error there; no unhandled rejection
  }

  /** @internal */
  push(chunk: string): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.wake()
  }

  /** @internal */
  finish(result: GenerationResult): void {
    this.ended = true
    this.resolveResult(result)
    this.wake()
  }

  /** @internal */
  fail(error: unknown): void {
    this.ended = true
    this.failure = error
    this.rejectResult(error)
    this.wake()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    while (true) {
      if (this.chunks.length > 0) {
        yield this.chunks.shift()!
        continue
      }
      if (this.ended) {
        if (this.failure) throw this.failure
        return
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve
      })
    }
  }

  private wake(): void {
    const waiting = this.waiting
    this.waiting = undefined
    waiting?.()
  }
}
