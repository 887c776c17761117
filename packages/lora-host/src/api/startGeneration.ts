import { HttpError } from '@openledger/http'
import type { FinishReason as EngineFinishReason } from '../engine/Generation.js'
import type { LoraHost } from '../host/LoraHost.js'
import type { SamplingFields } from './samplingFields.js'
import type { AdapterRef, ResponseFinishReason, Usage } from './types.js'

export type GenerationInput = {
  /** `<base>` or `<base>:<adapter>`. */
  model: string
  /** Text; BOS is prepended. */
  prompt: string
  /** Undefined: the rest of the model's context. */
  maxTokens: number | undefined
  sampling: Pick<SamplingFields, 'temperature' | 'top_p' | 'top_k' | 'seed'>
  stop: readonly string[]
}

export type FinishedGeneration = { text: string; finishReason: ResponseFinishReason; usage: Usage }

/** A generation under way, seen from the API. */
export type StartedGeneration = {
  adapter: AdapterRef
  /** Cancels it: its row is freed at the next decode step. */
  abort: () => void
  /** Waits for the end; a cancelled generation throws `HttpError` 499 `request_cancelled`. */
  finished: () => Promise<FinishedGeneration>
  /**
   * Waits for the first text (or the end), so that an error in admission (the adapter fails to load) throws
   * here, before a caller commits to a stream; then yields the text as it is produced.
   */
  open: () => Promise<AsyncIterable<string>>
}

/**
 * Queues a generation on the host with OpenAI's sampling defaults (temperature 1, top_p 1, top_k 0 off) and
 * a prompt of BOS + the encoded text. Throws at once what cannot be queued: an unknown model or adapter, a
 * full queue, a prompt plus max_tokens beyond the context. Aborting `signal` cancels it.
 *
 * @example
 * const started = startGeneration(host, { model: 'stories260K:a0', prompt: 'Once', maxTokens: 16, sampling: {}, stop: [] })
 * const { text, usage } = await started.finished()
 */
export function startGeneration(
  host: LoraHost,
  input: GenerationInput,
  signal?: AbortSignal | undefined,
): StartedGeneration {
  const controller = new AbortController()
  const prompt = host.model.tokenizer.encode(input.prompt, { bos: true })
  const { generation, resolved } = host.generate(input.model, {
    prompt,
    maxTokens: input.maxTokens ?? Math.max(1, host.limits.contextLength - prompt.length),
    temperature: input.sampling.temperature ?? 1,
    topP: input.sampling.top_p ?? 1,
    topK: input.sampling.top_k ?? 0,
    seed: input.sampling.seed ?? undefined,
    stop: [...new Set(input.stop)],
    signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
  })
  const adapter = resolved.adapter ? { id: resolved.adapter.id, sha256: resolved.adapter.sha256 } : null
  return {
    adapter,
    abort: () => controller.abort(),
    finished: async () => {
      const result = await generation.result
      const { promptTokens, completionTokens } = result.usage
      return {
        text: result.text,
        finishReason: openAiReason(result.finishReason),
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      }
    },
    open: async () => {
      const iterator = generation[Symbol.asyncIterator]()
      const first = await iterator.next()
      return {
        async *[Symbol.asyncIterator]() {
          for (let next = first; !next.done; next = await iterator.next()) yield next.value
        },
      }
    },
  }
}

function openAiReason(reason: EngineFinishReason): ResponseFinishReason {
  if (reason !== 'cancelled') return reason
  throw new HttpError(499, 'The request was cancelled before it finished.', {
    type: 'invalid_request_error',
    code: 'request_cancelled',
  })
}
