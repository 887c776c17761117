import { parseBody } from '@openledger/http'
import { z } from 'zod'

const textPart = z.object({ type: z.literal('text'), text: z.string() })
const content = z.union([z.string(), z.array(textPart).min(1)])

const message = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content,
  name: z.string().optional(),
})

/**
 * The OpenAI chat completions request as the gateway takes it: `model` is an agent id; text messages only;
 * unknown fields are ignored.
 */
export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().min(1).max(4096).nullish(),
  max_completion_tokens: z.number().int().min(1).max(4096).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  user: z.string().max(256).nullish(),
})

export type ChatRequestBody = z.infer<typeof chatRequestSchema>

/** A validated request: messages flattened to text. */
export type ChatRequest = {
  model: string
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[]
  stream: boolean
  includeUsage: boolean
  maxTokens: number | undefined
  /** Sampling temperature for every model call of the run (default: the models' own, greedy). */
  temperature: number | undefined
  /** Stop sequences for every model call of the run. */
  stop: string[] | undefined
  user: string | undefined
}

/**
 * Validates a chat completions body: a 400 `HttpError` naming the first field at fault (`param`), else the
 * request with each message's content as one string.
 *
 * @example
 * const request = parseChatRequest({ model: 'story-teller', messages: [{ role: 'user', content: 'Hi' }] })
 */
export function parseChatRequest(body: unknown): ChatRequest {
  // The gateway's wording since its first release: `Invalid messages[0].content: …`, unquoted.
  const data = parseBody(chatRequestSchema, body, {
    describe: (param, problem) => `Invalid ${param ?? 'body'}: ${problem}.`,
  })
  return {
    model: data.model,
    messages: data.messages.map((m) => ({
      role: m.role,
      content: typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join(''),
    })),
    stream: data.stream === true,
    includeUsage: data.stream_options?.include_usage === true,
    maxTokens: data.max_completion_tokens ?? data.max_tokens ?? undefined,
    temperature: data.temperature ?? undefined,
    stop: typeof data.stop === 'string' ? [data.stop] : (data.stop ?? undefined),
    user: data.user ?? undefined,
  }
}
