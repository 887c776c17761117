import { randomInt } from 'node:crypto'
import type { AdapterCache } from '../adapters/index.js'
import type { Tokenizer } from '../model/types.js'
import { createRandom } from '../random/createRandom.js'
import { createStreamDecoder } from '../tokenizer/index.js'
import {
  ContextLengthError,
  EmptyEmbeddingInputError,
  EngineClosedError,
  NoAdapterCacheError,
  QueueFullError,
} from './errors.js'
import { type GenerateRequest, Generation } from './Generation.js'
import type { ModelRunner, StepRow } from './ModelRunner.js'
import { Row } from './Row.js'

export type EngineOptions = {
  runner: ModelRunner
  tokenizer: Tokenizer
  /** Resolves adapter ids to slots; without it only the base model serves. */
  adapters?: AdapterCache | undefined
  /** Requests waiting beyond the running batch; one more is a QueueFullError (HTTP 429). Default 256. */
  maxQueue?: number
}

export type EngineStats = {
  running: number
  queued: number
  steps: number
  prefillSteps: number
  generatedTokens: number
  promptTokens: number
  completed: number
  cancelled: number
}

type Waiting = { request: GenerateRequest; generation: Generation; submitted: number }
type EmbedJob = {
  prompts: (readonly number[])[]
  vectors: Float32Array[]
  resolve: (vectors: Float32Array[]) => void
  reject: (error: unknown) => void
}

/**
 * Continuous batching over one model: requests join the running batch (prefill) and leave it (finish, stop,
 * cancel) between decode steps; each decode step is one `session.run` over every running row, whatever its
 * adapter.
 *
 * @example
 * const generation = engine.generate({ prompt, maxTokens: 64, temperature: 0, topP: 1, topK: 0 })
 * for await (const text of generation) process.stdout.write(text)
 */
export class Engine {
  private readonly queue: Waiting[] = []
  private readonly rows: Row[] = []
  private readonly embeds: EmbedJob[] = []
  private running: Promise<void> | undefined
  private closed = false
  private readonly counters: Omit<EngineStats, 'running' | 'queued'> = {
    steps: 0,
    prefillSteps: 0,
    generatedTokens: 0,
    promptTokens: 0,
    completed: 0,
    cancelled: 0,
  }

  constructor(private readonly options: EngineOptions) {}

  /** Queues a request; throws QueueFullError or ContextLengthError at once when it cannot be served. */
  generate(request: GenerateRequest): Generation {
    if (this.closed) throw new EngineClosedError()
    const limit = this.options.runner.config.maxSeqLen
    if (request.prompt.length + request.maxTokens > limit) {
      throw new ContextLengthError(request.prompt.length, request.maxTokens, limit)
    }
    const maxQueue = this.options.maxQueue ?? 256
    if (this.queue.length >= maxQueue) throw new QueueFullError(maxQueue)
    const generation = new Generation()
    this.queue.push({ request, generation, submitted: performance.now() })
    this.start()
    return generation
  }

  /**
   * The mean of the final hidden states of each prompt (one vector per prompt), computed in free rows of the
   * running batch between decode steps, ahead of queued generations.
   */
  embed(prompts: readonly (readonly number[])[]): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new EngineClosedError())
    const limit = this.options.runner.config.maxSeqLen
    for (const prompt of prompts) {
      if (prompt.length === 0) return Promise.reject(new EmptyEmbeddingInputError())
      if (prompt.length > limit) return Promise.reject(new ContextLengthError(prompt.length, 0, limit))
    }
    if (prompts.length === 0) return Promise.resolve([])
    return new Promise((resolve, reject) => {
      this.embeds.push({ prompts: [...prompts], vectors: [], resolve, reject })
      this.start()
    })
  }

  stats(): EngineStats {
    return { running: this.rows.length, queued: this.queue.length, ...this.counters }
  }

  /** Stops admitting work, cancels what is queued or running, and waits for the loop to end. */
  async close(): Promise<void> {
    this.closed = true
    for (const waiting of this.queue.splice(0)) waiting.generation.fail(new EngineClosedError())
    for (const row of this.rows) row.cancel()
    for (const job of this.embeds.splice(0)) job.reject(new EngineClosedError())
    await this.running
  }

  private start(): void {
    this.running ??= this.loop().finally(() => {
      this.running = undefined
    })
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0 || this.rows.length > 0 || this.embeds.length > 0) {
        this.retireFinished()
        await this.runEmbeds()
        const admitted = this.admit()
        if (admitted.length > 0) await this.prefill(admitted)
        this.retireFinished()
        if (this.rows.length > 0) await this.decode()
        else if (admitted.length === 0 && this.queue.length > 0) await new Promise((r) => setTimeout(r, 1))
        await new Promise((r) => setImmediate(r)) // let I/O (new requests, disconnects) in between steps
      }
    } catch (error) {
      // A failed run must not leave requests hanging: fail everything in flight.
      for (const row of this.rows.splice(0)) row.fail(error)
      for (const waiting of this.queue.splice(0)) waiting.generation.fail(error)
      for (const job of this.embeds.splice(0)) job.reject(error)
    }
  }

  /** Embeds as many queued prompts as there are free rows (the rows' caches are scratch: never read again). */
  private async runEmbeds(): Promise<void> {
    const { runner } = this.options
    while (this.embeds.length > 0 && this.rows.length < runner.cache.maxRows) {
      const job = this.embeds[0]!
      const batch = job.prompts.slice(
        job.vectors.length,
        job.vectors.length + runner.cache.maxRows - this.rows.length,
      )
      const rows = batch.map((tokens) => ({ tokens, start: 0, slot: 0 }))
      const { meanHidden } = await runner.step(this.rows.length, rows, { meanHidden: true })
      job.vectors.push(...meanHidden!)
      if (job.vectors.length === job.prompts.length) {
        this.embeds.shift()
        job.resolve(job.vectors)
      }
    }
  }

  /** Moves queued requests into free rows while their adapters can be made resident (FIFO). */
  private admit(): Row[] {
    const admitted: Row[] = []
    const { runner, adapters, tokenizer } = this.options
    while (this.queue.length > 0 && this.rows.length + admitted.length < runner.cache.maxRows) {
      const next = this.queue[0]!
      if (next.request.signal?.aborted) {
        this.queue.shift()
        next.generation.finish(Row.cancelledResult(next.request))
        this.counters.cancelled++
        continue
      }
      let slot = 0
      if (next.request.adapter !== undefined) {
        try {
          const acquired = adapters ? adapters.acquire(next.request.adapter) : undefined
          if (acquired === undefined && adapters) break // every slot is busy: wait for a row to leave
          if (acquired === undefined) throw new NoAdapterCacheError(next.request.adapter)
          slot = acquired
        } catch (error) {
          this.queue.shift()
          next.generation.fail(error)
          continue
        }
      }
      this.queue.shift()
      const seed = next.request.seed ?? randomInt(2 ** 31)
      admitted.push(
        new Row(next.request, next.generation, {
          slot,
          submitted: next.submitted,
          random: createRandom(seed),
          decoder: createStreamDecoder(tokenizer, { context: [...next.request.prompt] }),
          stopTokens: [tokenizer.eos, tokenizer.bos],
          release: () => {
            if (slot !== 0) adapters?.release(slot)
          },
        }),
      )
    }
    return admitted
  }

  private async prefill(admitted: Row[]): Promise<void> {
    const first = this.rows.length
    this.rows.push(...admitted)
    const step: StepRow[] = admitted.map((row) => ({ tokens: row.request.prompt, start: 0, slot: row.slot }))
    const { logits } = await this.options.runner.step(first, step)
    this.counters.prefillSteps++
    admitted.forEach((row, i) => {
      this.counters.promptTokens += row.request.prompt.length
      row.accept(logits[i]!)
    })
  }

  private async decode(): Promise<void> {
    const step: StepRow[] = this.rows.map((row) => ({
      tokens: [row.lastToken],
      start: row.position,
      slot: row.slot,
    }))
    const { logits } = await this.options.runner.step(0, step)
    this.counters.steps++
    for (const [i, row] of this.rows.entries()) row.accept(logits[i]!)
  }

  /** Removes finished and cancelled rows, keeping the batch compact (the last row fills each hole). */
  private retireFinished(): void {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const row = this.rows[i]!
      if (row.request.signal?.aborted) row.cancel()
      if (!row.done) continue
      this.counters.generatedTokens += row.generated.length
      if (row.finishReason === 'cancelled') this.counters.cancelled++
      else this.counters.completed++
      row.complete()
      const last = this.rows.length - 1
      if (i !== last) {
        this.options.runner.cache.moveRow(last, i)
        this.rows[i] = this.rows[last]!
      }
      this.rows.pop()
    }
  }
}
