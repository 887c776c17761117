import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
} from '@langchain/core/language_models/chat_models'
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages'
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs'
import { BaseError } from '@openledger/errors'

/** The adapter that served an answer (lora-host's `adapter` field): its registered id and content hash. */
export type ServedAdapter = { id: string; sha256: string } | null

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }
type ChatBody = {
  model: string
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[]
  max_tokens?: number
  temperature?: number
  top_p?: number
  seed?: number
  stop?: string[]
  stream?: boolean
  stream_options?: { include_usage: boolean }
}
type ChatResponse = {
  choices: { message: { content: string | null }; finish_reason: string | null }[]
  usage?: Usage | null
  adapter?: ServedAdapter
}
type ChatChunk = {
  choices: { delta: { content?: string | null }; finish_reason: string | null }[]
  usage?: Usage | null
  adapter?: ServedAdapter
}

/**
 * What ChatLoraHost calls: the chat completions of an OpenAI-compatible client — lora-host's in-process
 * `createLocalClient(host)`, or the official `openai` client pointed at a lora-host URL.
 */
export type ChatCompletionsClient = {
  chat: {
    completions: {
      create(body: ChatBody, options?: { signal?: AbortSignal }): Promise<unknown>
    }
  }
}

export type ChatLoraHostFields = BaseChatModelParams & {
  client: ChatCompletionsClient
  /** A served model name: `stories260K`, or `stories260K:<adapter>` for a specialist. */
  model: string
  maxTokens?: number
  /** Default 0: greedy, so the same question gets the same answer. */
  temperature?: number
  topP?: number
  seed?: number
  /** Stop sequences for every call that names none. */
  stop?: string[]
}

export type ChatLoraHostCallOptions = BaseChatModelCallOptions & { stop?: string[] }

/** ChatLoraHost answers with text; it cannot call tools. */
export class ToolCallingUnsupportedError extends BaseError {
  override name = 'ToolCallingUnsupportedError'
  constructor(model: string) {
    super(`${model} served by lora-host does not call tools.`, {
      metaMessages: [
        'Route to tools with explicit graph nodes, or use a tool-calling chat model (e.g. an OpenAI-compatible endpoint).',
      ],
    })
  }
}

/**
 * A LangChain chat model over the OpenLoRA host, usable in any LangChain or LangGraph code: invoke, stream
 * (tokens as they are produced, through callbacks too), stop sequences, abort signals. Each answer's
 * `response_metadata` names the adapter that served it, its finish reason and token usage — the evidence
 * attribution needs.
 *
 * @example
 * const model = new ChatLoraHost({ client: createLocalClient(host), model: 'stories260K:defi', maxTokens: 64 })
 * const answer = await model.invoke([new HumanMessage('What is the price of OPEN?')])
 * answer.response_metadata.adapter // { id: 'defi', sha256: '…' }
 */
export class ChatLoraHost extends BaseChatModel<ChatLoraHostCallOptions> {
  readonly client: ChatCompletionsClient
  readonly model: string
  readonly maxTokens: number
  readonly temperature: number
  readonly topP: number
  readonly seed: number | undefined
  readonly stop: string[] | undefined

  static override lc_name() {
    return 'ChatLoraHost'
  }

  constructor(fields: ChatLoraHostFields) {
    super(fields)
    this.client = fields.client
    this.model = fields.model
    this.maxTokens = fields.maxTokens ?? 128
    this.temperature = fields.temperature ?? 0
    this.topP = fields.topP ?? 1
    this.seed = fields.seed
    this.stop = fields.stop
  }

  _llmType(): string {
    return 'openledger-lora-host'
  }

  override bindTools(): never {
    throw new ToolCallingUnsupportedError(this.model)
  }

  private body(messages: BaseMessage[], options: this['ParsedCallOptions']): ChatBody {
    return {
      model: this.model,
      messages: messages.map(toOpenAiMessage),
      max_tokens: this.maxTokens,
      temperature: this.temperature,
      top_p: this.topP,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...(options.stop?.length ? { stop: options.stop } : this.stop?.length ? { stop: this.stop } : {}),
    }
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const response = (await this.client.chat.completions.create(this.body(messages, options), {
      ...(options.signal ? { signal: options.signal } : {}),
    })) as ChatResponse
    const choice = response.choices[0]
    const text = choice?.message.content ?? ''
    const metadata = {
      model: this.model,
      adapter: response.adapter ?? null,
      finish_reason: choice?.finish_reason ?? null,
    }
    const usage = response.usage
      ? {
          input_tokens: response.usage.prompt_tokens,
          output_tokens: response.usage.completion_tokens,
          total_tokens: response.usage.total_tokens,
        }
      : undefined
    await runManager?.handleLLMNewToken(text)
    return {
      generations: [
        {
          text,
          message: new AIMessage({
            content: text,
            response_metadata: metadata,
            ...(usage ? { usage_metadata: usage } : {}),
          }),
        },
      ],
      llmOutput: { ...metadata, tokenUsage: response.usage ?? undefined },
    }
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const stream = (await this.client.chat.completions.create(
      { ...this.body(messages, options), stream: true, stream_options: { include_usage: true } },
      { ...(options.signal ? { signal: options.signal } : {}) },
    )) as AsyncIterable<ChatChunk>
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      const text = choice?.delta.content ?? ''
      const metadata = {
        model: this.model,
        adapter: chunk.adapter ?? null,
        finish_reason: choice?.finish_reason ?? null,
      }
      const usage = chunk.usage
        ? {
            input_tokens: chunk.usage.prompt_tokens,
            output_tokens: chunk.usage.completion_tokens,
            total_tokens: chunk.usage.total_tokens,
          }
        : undefined
      if (!text && !usage && !choice?.finish_reason) continue
      yield new ChatGenerationChunk({
        text,
        message: new AIMessageChunk({
          content: text,
          response_metadata: metadata,
          ...(usage ? { usage_metadata: usage } : {}),
        }),
      })
      if (text) await runManager?.handleLLMNewToken(text)
    }
  }
}

function toOpenAiMessage(message: BaseMessage): ChatBody['messages'][number] {
  const type = message._getType()
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part) => ('text' in part ? part.text : '')).join('')
  if (type === 'system') return { role: 'system', content }
  if (type === 'ai') return { role: 'assistant', content }
  // Tool results reach a text model as context it can read.
  if (type === 'tool') return { role: 'user', content: `Tool result: ${content}` }
  return { role: 'user', content }
}
