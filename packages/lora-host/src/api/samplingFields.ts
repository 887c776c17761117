import { z } from 'zod'
import { onlyDefault } from './onlyDefault.js'

const numberIn = (min: number, max: number, range: string) =>
  z
    .number({ error: `must be a number ${range}` })
    .min(min, { error: `must be a number ${range}` })
    .max(max, { error: `must be a number ${range}` })

/**
 * The request fields completions and chat completions share: the model, the sampling settings, streaming,
 * and the OpenAI fields this host accepts only at their default. `null` means absent, as in OpenAI's API;
 * fields not listed are ignored.
 *
 * @example
 * const schema = z.object({ ...samplingFields(512), prompt: z.string() })
 */
export function samplingFields(contextLength: number) {
  const tokens = `must be an integer from 1 to ${contextLength} (the model's context length)`
  const maxTokens = z
    .int({ error: tokens })
    .min(1, { error: tokens })
    .max(contextLength, { error: tokens })
    .nullish()
  return {
    model: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
      .min(1, { error: "must name a model: '<base>' or '<base>:<adapter>'" }),
    max_tokens: maxTokens,
    temperature: numberIn(0, 2, 'from 0 to 2').nullish(),
    top_p: numberIn(0, 1, 'greater than 0 and at most 1')
      .refine((p) => p > 0, { error: 'must be a number greater than 0 and at most 1' })
      .nullish(),
    top_k: z
      .int({ error: 'must be an integer ≥ 0 (0: off)' })
      .min(0, { error: 'must be an integer ≥ 0 (0: off)' })
      .nullish(),
    seed: z.int({ error: 'must be an integer' }).nullish(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)], {
        error: 'must be a string or an array of up to 4 strings',
      })
      .nullish(),
    stream: z.boolean({ error: 'must be a boolean' }).nullish(),
    stream_options: z
      .object(
        { include_usage: z.boolean({ error: 'must be a boolean' }).nullish() },
        { error: 'must be an object' },
      )
      .nullish(),
    n: onlyDefault(1, 'one choice per request'),
    user: z.string({ error: 'must be a string' }).nullish(),
    presence_penalty: onlyDefault(0, 'no penalties'),
    frequency_penalty: onlyDefault(0, 'no penalties'),
  }
}

/** The fields `samplingFields` parses, as a request carries them after validation. */
export type SamplingFields = z.output<z.ZodObject<ReturnType<typeof samplingFields>>>
