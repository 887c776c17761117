import type { FinishReason, GenerateRequest, Generation, GenerationResult } from './Generation.js'
import { sampleToken } from './sampling.js'

type RowContext = {
  slot: number
  submitted: number
  random: () => number
  decoder: { push: (id: number) => string; flush: () => string }
  /** Tokens that end a generation (EOS; BOS too: llama2.c stops there, and story models emit it between stories). */
  stopTokens: readonly number[]
  release: () => void
}

/** One request in the running batch: its tokens, its text so far, and when it is done. */
export class Row {
  readonly generated: number[] = []
  finishReason: FinishReason | undefined
  private text = ''
  private emitted = 0
  private firstTokenAt: number | undefined
  private readonly holdBack: number

  constructor(
    readonly request: GenerateRequest,
    private readonly generation: Generation,
    private readonly context: RowContext,
  ) {
    this.holdBack = Math.max(0, ...(request.stop ?? []).map((s) => s.length - 1))
  }

  static cancelledResult(request: GenerateRequest): GenerationResult {
    return {
      text: '',
      tokens: [],
      finishReason: 'cancelled',
      usage: { promptTokens: request.prompt.length, completionTokens: 0 },
      timeToFirstTokenMs: 0,
    }
  }

  get slot(): number {
    return this.context.slot
  }

  get done(): boolean {
    return this.finishReason !== undefined
  }

  /** The last token, which the next decode step feeds. */
  get lastToken(): number {
    return this.generated[this.generated.length - 1]!
  }

  /** Where the last token sits (its position in the sequence). */
  get position(): number {
    return this.request.prompt.length + this.generated.length - 1
  }

  /** Samples the next token from this row's logits and moves text forward; finishes on EOS, stop or length. */
  accept(logits: Float32Array): void {
    if (this.done) return
    const token = sampleToken(logits, this.request, this.context.random)
    this.firstTokenAt ??= performance.now()
    if (this.context.stopTokens.includes(token)) {
      this.finishReason = 'stop'
      return
    }
    this.generated.push(token)
    this.text += this.context.decoder.push(token)
    const stopAt = this.findStop()
    if (stopAt !== undefined) {
      this.text = this.text.slice(0, stopAt)
      this.finishReason = 'stop'
      return
    }
    if (this.generated.length >= this.request.maxTokens) {
      this.text += this.context.decoder.flush()
      this.finishReason = 'length'
      return
    }
    this.emit(this.text.length - this.holdBack)
  }

  cancel(): void {
    if (!this.done) this.finishReason = 'cancelled'
  }

  /** Delivers the result and frees the adapter slot (once, when the row leaves the batch). */
  complete(): void {
    this.emit(this.text.length)
    this.context.release()
    this.generation.finish({
      text: this.text,
      tokens: [...this.generated],
      finishReason: this.finishReason ?? 'cancelled',
      usage: { promptTokens: this.request.prompt.length, completionTokens: this.generated.length },
      timeToFirstTokenMs: (this.firstTokenAt ?? performance.now()) - this.context.submitted,
    })
  }

  fail(error: unknown): void {
    this.context.release()
    this.generation.fail(error)
  }

  private findStop(): number | undefined {
    let first: number | undefined
    const from = Math.max(0, this.emitted - this.holdBack)
    for (const stop of this.request.stop ?? []) {
      if (stop.length === 0) continue
      const at = this.text.indexOf(stop, from)
      if (at >= 0 && (first === undefined || at < first)) first = at
    }
    return first
  }

  private emit(upTo: number): void {
    if (upTo <= this.emitted) return
    this.generation.push(this.text.slice(this.emitted, upTo))
    this.emitted = upTo
  }
}
