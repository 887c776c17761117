import { z } from 'zod'
import type { ChatMessage } from './chatTemplate.js'
import { onlyDefault } from './onlyDefault.js'
import { samplingFields } from './samplingFields.js'

const roleError = "must be 'system', 'user' or 'assistant'"
const contentError = 'must be a string (or an array of text parts)'

const message = z
  .object(
    {
      role: z.enum(['system', 'developer', 'user', 'assistant'], { error: roleError }),
      content: z.union([z.string(), z.array(z.object({ type: z.literal('text'), text: z.string() }))], {
        error: (issue) => (issue.input === undefined ? 'is required' : contentError),
      }),
      name: z.string({ error: 'must be a string' }).nullish(),
    },
    { error: 'must be a message object: { role, content }' },
  )
  .transform(
    (m): ChatMessage => ({
      role: m.role === 'developer' ? 'system' : m.role,
      content: typeof m.content === 'string' ? m.content : m.content.map((part) => part.text).join(''),
    }),
  )

function build(contextLength: number) {
  const fields = samplingFields(contextLength)
  return z.object({
    ...fields,
    messages: z
      .array(message, {
        error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of messages'),
      })
      .min(1, { error: 'must contain at least one message' }),
    max_completion_tokens: fields.max_tokens,
    logprobs: onlyDefault(false, 'no log probabilities'),
    top_logprobs: onlyDefault(null, 'no log probabilities'),
    tools: z.array(z.unknown()).max(0, { error: 'tool calls are not supported' }).nullish(),
    response_format: z.object({ type: z.literal('text', { error: "only 'text' is supported" }) }).nullish(),
  })
}

const schemas = new Map<number, ReturnType<typeof build>>()

/**
 * The body of `POST /v1/chat/completions` for a model with this context length: `messages` (a non-empty array
 * of `{ role: 'system' | 'user' | 'assistant', content }`; 'developer' reads as 'system'; content a string or
 * text parts) plus the fields of completions; `max_completion_tokens` is an alias of `max_tokens`.
 *
 * @example
 * const request = parseBody(chatCompletionRequestSchema(host.limits.contextLength), body)
 */
export function chatCompletionRequestSchema(contextLength: number) {
  let schema = schemas.get(contextLength)
  if (!schema) {
    schema = build(contextLength)
    schemas.set(contextLength, schema)
  }
  return schema
}

/** A chat completion request as a caller writes it. */
export type ChatCompletionRequest = z.input<ReturnType<typeof chatCompletionRequestSchema>>
