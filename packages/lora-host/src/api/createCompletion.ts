import { randomBytes } from 'node:crypto'
import { parseBody } from '@openledger/http'
import type { LoraHost } from '../host/LoraHost.js'
import { completionRequestSchema } from './completionRequestSchema.js'
import { generationChunks } from './generationChunks.js'
import { startGeneration } from './startGeneration.js'
import type { Completion, CompletionChunk } from './types.js'

export type ApiCallOptions = {
  /** Aborting it cancels the generation (its row is freed at the next decode step). */
  signal?: AbortSignal | undefined
}

/**
 * OpenAI's `POST /v1/completions` on a host: validates `body` (a 400 `HttpError` naming the field), generates
 * from BOS + the prompt, and returns the completion, or with `stream: true` the chunks as they are produced
 * (`text_completion` objects; the last choice chunk has the finish reason; with
 * `stream_options.include_usage`, a last chunk with empty `choices` and the usage). Every response and chunk
 * says which adapter served it (`adapter: { id, sha256 } | null`). Host errors are thrown as they are; map
 * them with `toHttpError(error, { map: hostHttpError })`.
 *
 * @example
 * const completion = await createCompletion(host, { model: 'stories260K:a0', prompt: 'Once upon a time', max_tokens: 20 })
 * if (!(Symbol.asyncIterator in completion)) console.log(completion.choices[0]?.text, completion.adapter?.sha256)
 */
export async function createCompletion(
  host: LoraHost,
  body: unknown,
  options: ApiCallOptions = {},
): Promise<Completion | AsyncIterable<CompletionChunk>> {
  const request = parseBody(completionRequestSchema(host.limits.contextLength), body)
  const stop = request.stop ?? []
  await host.assertServable(request.model)
  const started = startGeneration(
    host,
    {
      model: request.model,
      prompt: typeof request.prompt === 'string' ? request.prompt : request.prompt[0],
      maxTokens: request.max_tokens ?? 16,
      sampling: request,
      stop: typeof stop === 'string' ? [stop] : stop,
    },
    options.signal,
  )
  const { adapter } = started
  const head = {
    id: `cmpl-${randomBytes(12).toString('hex')}`,
    object: 'text_completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
  }
  if (request.stream) {
    const includeUsage = request.stream_options?.include_usage === true
    const usage = includeUsage ? { usage: null } : {}
    return generationChunks<CompletionChunk>(started, {
      text: (text) => ({
        ...head,
        choices: [{ index: 0, text, logprobs: null, finish_reason: null }],
        ...usage,
        adapter,
      }),
      end: (finishReason) => ({
        ...head,
        choices: [{ index: 0, text: '', logprobs: null, finish_reason: finishReason }],
        ...usage,
        adapter,
      }),
      usage: includeUsage ? (usage) => ({ ...head, choices: [], usage, adapter }) : undefined,
    })
  }
  const { text, finishReason, usage } = await started.finished()
  return {
    ...head,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
    usage,
    adapter,
  }
}
