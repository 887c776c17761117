import { randomBytes } from 'node:crypto'
import { parseBody } from '@openledger/http'
import type { LoraHost } from '../host/LoraHost.js'
import { chatCompletionRequestSchema } from './chatCompletionRequestSchema.js'
import { type ChatTemplate, plainChatTemplate } from './chatTemplate.js'
import type { ApiCallOptions } from './createCompletion.js'
import { generationChunks } from './generationChunks.js'
import { startGeneration } from './startGeneration.js'
import type { ChatCompletion, ChatCompletionChunk } from './types.js'

export type ChatCallOptions = ApiCallOptions & {
  /** Messages → prompt + stop strings; default `plainChatTemplate`. */
  chatTemplate?: ChatTemplate | undefined
}

/**
 * OpenAI's `POST /v1/chat/completions` on a host: validates `body`, renders the messages with the chat
 * template (its stop strings are added to the request's `stop`), and returns the chat completion, or with
 * `stream: true` `chat.completion.chunk` objects: the first with `delta.role` 'assistant', then
 * `delta.content` pieces, then an empty delta with the finish reason, then (with
 * `stream_options.include_usage`) the usage with empty `choices`. `max_completion_tokens` is an alias of
 * `max_tokens`; without either, generation may fill the rest of the context, as in OpenAI's API.
 *
 * @example
 * const chat = await createChatCompletion(host, { model: 'stories260K', messages: [{ role: 'user', content: 'Hi' }] })
 */
export async function createChatCompletion(
  host: LoraHost,
  body: unknown,
  options: ChatCallOptions = {},
): Promise<ChatCompletion | AsyncIterable<ChatCompletionChunk>> {
  const request = parseBody(chatCompletionRequestSchema(host.limits.contextLength), body)
  const template = (options.chatTemplate ?? plainChatTemplate)(request.messages)
  const stop = request.stop ?? []
  await host.assertServable(request.model)
  const started = startGeneration(
    host,
    {
      model: request.model,
      prompt: template.prompt,
      maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
      sampling: request,
      stop: [...template.stop, ...(typeof stop === 'string' ? [stop] : stop)],
    },
    options.signal,
  )
  const { adapter } = started
  const head = {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion.chunk' as const,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
  }
  if (request.stream) {
    const includeUsage = request.stream_options?.include_usage === true
    const usage = includeUsage ? { usage: null } : {}
    const chunk = (
      delta: ChatCompletionChunk['choices'][number]['delta'],
      finishReason: 'stop' | 'length' | null,
    ) => ({
      ...head,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usage,
      adapter,
    })
    return generationChunks<ChatCompletionChunk>(started, {
      start: () => chunk({ role: 'assistant', content: '' }, null),
      text: (content) => chunk({ content }, null),
      end: (finishReason) => chunk({}, finishReason),
      usage: includeUsage ? (usage) => ({ ...head, choices: [], usage, adapter }) : undefined,
    })
  }
  const { text, finishReason, usage } = await started.finished()
  return {
    ...head,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage,
    adapter,
  }
}
