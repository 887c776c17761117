import { z } from 'zod'
import { onlyDefault } from './onlyDefault.js'
import { samplingFields } from './samplingFields.js'

const promptError = 'must be a string (or an array of exactly one string)'

function build(contextLength: number) {
  return z.object({
    ...samplingFields(contextLength),
    prompt: z.union([z.string(), z.tuple([z.string()])], {
      error: (issue) => (issue.input === undefined ? 'is required' : promptError),
    }),
    echo: onlyDefault(false, 'the prompt is not echoed'),
    logprobs: onlyDefault(null, 'no log probabilities'),
    best_of: onlyDefault(1, 'one candidate per request'),
    suffix: onlyDefault(null, 'no insertion'),
  })
}

const schemas = new Map<number, ReturnType<typeof build>>()

/**
 * The body of `POST /v1/completions` for a model with this context length: OpenAI's fields (`prompt` a string
 * or one string in an array; `max_tokens` 1…contextLength, default 16; `temperature` 0…2, default 1; `top_p`
 * in (0, 1]; `stop` up to 4 strings; `stream`, `stream_options.include_usage`; `seed`) plus `top_k` (≥ 0, 0 off).
 *
 * @example
 * const request = parseBody(completionRequestSchema(host.limits.contextLength), body)
 */
export function completionRequestSchema(contextLength: number) {
  let schema = schemas.get(contextLength)
  if (!schema) {
    schema = build(contextLength)
    schemas.set(contextLength, schema)
  }
  return schema
}

/** A completion request as a caller writes it. */
export type CompletionRequest = z.input<ReturnType<typeof completionRequestSchema>>
