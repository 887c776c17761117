import type { Response } from 'express'
import type { Attribution } from './attributionObject.js'
import type { ChatCompletionMeta } from './ChatEventStream.js'
import type { ChatUsage } from './chatUsage.js'

export type ChatCompletionAnswer = {
  meta: ChatCompletionMeta
  answer: string
  usage: ChatUsage
  attribution: Attribution
}

/**
 * Answers a chat completion as one JSON `chat.completion` in OpenAI's shape, plus `attribution`.
 *
 * @example
 * sendChatCompletion(response, { meta, answer: run.answer, usage, attribution })
 */
export function sendChatCompletion(response: Response, completion: ChatCompletionAnswer): void {
  const { meta, answer, usage, attribution } = completion
  response.json({
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage,
    attribution,
  })
}
