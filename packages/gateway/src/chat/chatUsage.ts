import type { Tokenizer } from '@openledger/lora-host'
import type { ChatRequest } from './chatRequestSchema.js'

export type ChatUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

/**
 * OpenAI's `usage` of an answer: the prompt's tokens (the messages' contents, one per line, in the base
 * model's tokenizer) and the answer's.
 *
 * @example
 * const usage = chatUsage(context.tokenizer, chat, attributed.answerTokens.length)
 */
export function chatUsage(tokenizer: Tokenizer, chat: ChatRequest, completionTokens: number): ChatUsage {
  const promptTokens = tokenizer.encode(chat.messages.map((m) => m.content).join('\n')).length
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  }
}
