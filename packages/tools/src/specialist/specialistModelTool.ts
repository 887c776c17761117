import { tool } from '@langchain/core/tools'
import { shortMessageOf } from '@openledger/errors'
import { z } from 'zod'
import type { ModelClient } from '../environment.js'

export type SpecialistModelToolParameters = {
  /** The model host's chat completions (in process or HTTP), e.g. `environment.client`. */
  client: ModelClient
  /** The host's base model id, e.g. `stories260K`. */
  baseModel: string
  /** The adapters this tool may call, by their host ids: anything else is refused. */
  adapters: readonly string[]
  /** Tokens to generate when the caller names none (default 64); at most `maxTokensLimit`. */
  maxTokens?: number
  /** The most tokens one call may ask for (default 256). */
  maxTokensLimit?: number
}

type ChatResponse = {
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[]
  adapter?: { id: string; sha256: string } | null
}

const schema = z.object({
  adapter: z.string().describe('The specialist adapter to ask, one of the allowed ids'),
  prompt: z.string().describe('The question or instruction for the specialist'),
  maxTokens: z.number().optional().describe('How many tokens it may write (default 64)'),
})

/**
 * A LangChain tool, `specialist_model`: asks one specialist LoRA adapter on the model host (a greedy chat
 * completion of `<baseModel>:<adapter>`) and answers `{ adapter, model, text, finishReason, sha256 }` JSON.
 * Only adapters in `adapters` may be called; anything else, bad input or a host failure comes back as
 * `{ error: { code, message } }` (`UNKNOWN_ADAPTER`, `INVALID_INPUT`, `MODEL_ERROR`), never thrown.
 *
 * @example
 * const specialist = specialistModelTool({ client, baseModel: 'stories260K', adapters: ['defi-answer'] })
 * JSON.parse(await specialist.invoke({ adapter: 'defi-answer', prompt: 'What is slippage?' })).text
 */
export function specialistModelTool(parameters: SpecialistModelToolParameters) {
  const { client, baseModel, adapters } = parameters
  const limit = parameters.maxTokensLimit ?? 256
  const allowed = new Set(adapters)
  return tool(
    async (input, config) => {
      const adapter = typeof input.adapter === 'string' ? input.adapter.trim() : ''
      if (!allowed.has(adapter))
        return failure(
          'UNKNOWN_ADAPTER',
          `adapter '${input.adapter}' is not one this agent may call (${[...allowed].join(', ') || 'none'})`,
        )
      const prompt = typeof input.prompt === 'string' ? input.prompt.trim() : ''
      if (!prompt) return failure('INVALID_INPUT', 'prompt must be a non-empty text')
      const maxTokens = input.maxTokens ?? parameters.maxTokens ?? 64
      if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > limit)
        return failure(
          'INVALID_INPUT',
          `maxTokens must be a whole number from 1 to ${limit}, got ${maxTokens}`,
        )
      const model = `${baseModel}:${adapter}`
      try {
        const body = {
          model,
          messages: [{ role: 'user', content: prompt }],
          max_tokens: maxTokens,
          temperature: 0,
        }
        const signal = (config as { signal?: AbortSignal } | undefined)?.signal
        // ModelClient's `create` takes `never` so that any OpenAI-compatible client fits: the body is one.
        const response = (await client.chat.completions.create(
          body as never,
          signal ? { signal } : undefined,
        )) as ChatResponse
        const choice = response.choices?.[0]
        return JSON.stringify({
          adapter,
          model,
          text: choice?.message?.content ?? '',
          finishReason: choice?.finish_reason ?? null,
          sha256: response.adapter?.sha256 ?? null,
        })
      } catch (error) {
        return failure('MODEL_ERROR', shortMessageOf(error))
      }
    },
    {
      name: 'specialist_model',
      description:
        'Asks a specialist model (a LoRA adapter fine-tuned on datanet rows) a question and returns its text.',
      schema,
    },
  )
}

const failure = (code: string, message: string) => JSON.stringify({ error: { code, message } })
