import { BaseCallbackHandler } from '@langchain/core/callbacks/base'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { StructuredToolInterface } from '@langchain/core/tools'
import type { BaseCheckpointSaver } from '@langchain/langgraph'
import { MissingToolsError } from '../errors/MissingToolsError.js'
import { type Evidence, EvidenceCollector } from '../evidence/EvidenceCollector.js'
import { type ChatCompletionsClient, ChatLoraHost } from '../models/ChatLoraHost.js'
import type { Agent, AgentContext } from './defineAgent.js'
import { ANSWER_TEXT_EVENT } from './writeAnswerText.js'

export type ChatInput = { role: 'system' | 'user' | 'assistant'; content: string }

export type RunAgentParameters = {
  agent: Agent
  /** The OpenLoRA host (in process or over HTTP) serving the agent's adapters. */
  client: ChatCompletionsClient
  /** The host's base model id; role models are `<baseModel>:<adapter>`. */
  baseModel: string
  /** Tools by name; the agent's `tools` must all be present. */
  tools?: Record<string, StructuredToolInterface>
  /** Keeps conversation threads (see `createCheckpointer`); with `threadId`, earlier turns are remembered. */
  checkpointer?: BaseCheckpointSaver
  threadId?: string
  messages: readonly (BaseMessage | ChatInput)[]
  signal?: AbortSignal
  /**
   * Chat models that serve roles instead of the host's adapters: any LangChain chat model (e.g. one over an
   * OpenAI-compatible endpoint set by URL). One that supports tool calls (`bindTools`) lets the graph run a
   * tool-calling loop; its generations count as the base model's (no adapter) in the evidence.
   */
  models?: Record<string, BaseChatModel>
  /** Model settings for every role served by the host (default: greedy, 128 tokens, no stop sequence). */
  maxTokens?: number
  temperature?: number
  stop?: string[]
  /**
   * Called with each piece of the answer as it comes: for a `streaming: 'tokens'` agent, the text the `answer`
   * role's model generates (that role's calls stream from the host; the others do not); for a `streaming:
   * 'text'` agent, each piece its graph writes with `writeAnswerText`.
   */
  onToken?: (token: string, source: { role: string; adapter: string }) => void
}

export type RunAgentReturnType = {
  /** The last AI message's text. */
  answer: string
  messages: BaseMessage[]
  evidence: Evidence
}

/**
 * Runs an agent once: builds its graph with a ChatLoraHost per adapter role and its tools, invokes it on the
 * messages (on the thread, when a checkpointer and thread id are given), and returns the answer with the
 * run's evidence (generations per adapter, tool calls, retrieved rows) for attribution.
 *
 * @example
 * const { answer, evidence } = await runAgent({ agent, client: createLocalClient(host), baseModel: 'stories260K', messages: [{ role: 'user', content: 'Price of OPEN?' }] })
 */
export async function runAgent(parameters: RunAgentParameters): Promise<RunAgentReturnType> {
  const { agent, client, baseModel, checkpointer, threadId } = parameters
  const tools = parameters.tools ?? {}
  const missing = agent.tools.filter((name) => !tools[name])
  if (missing.length) throw new MissingToolsError(agent.id, missing)
  const models = Object.fromEntries(
    Object.entries(agent.adapters).map(([role, adapter]) => [
      role,
      parameters.models?.[role] ??
        new ChatLoraHost({
          client:
            role === STREAMED_ROLE && parameters.onToken && agent.streaming === 'tokens'
              ? streamingClient(client, role, adapter, parameters.onToken)
              : client,
          model: `${baseModel}:${adapter}`,
          maxTokens: parameters.maxTokens ?? 128,
          ...(parameters.temperature === undefined ? {} : { temperature: parameters.temperature }),
          ...(parameters.stop?.length ? { stop: parameters.stop } : {}),
        }),
    ]),
  )
  const context: AgentContext = {
    models,
    tools,
    systemPrompt: agent.systemPrompt,
    ...(checkpointer ? { checkpointer } : {}),
  }
  const graph = agent.graph(context)
  const collector = new EvidenceCollector()
  const input = { messages: parameters.messages.map(toMessage) }
  const written =
    parameters.onToken && agent.streaming === 'text'
      ? [answerTextForwarder(parameters.onToken, agent.adapters[STREAMED_ROLE] ?? '')]
      : []
  const state = (await graph.invoke(input, {
    callbacks: [collector, ...written],
    ...(threadId ? { configurable: { thread_id: threadId } } : {}),
    ...(parameters.signal ? { signal: parameters.signal } : {}),
  })) as { messages: BaseMessage[] }
  const last = [...state.messages].reverse().find((m) => m instanceof AIMessage || m._getType() === 'ai')
  return {
    answer: last ? String(last.content) : '',
    messages: state.messages,
    evidence: collector.evidence(),
  }
}

const STREAMED_ROLE = 'answer'

/** Hands each piece a graph writes with `writeAnswerText` to `onToken`. */
function answerTextForwarder(
  onToken: NonNullable<RunAgentParameters['onToken']>,
  adapter: string,
): BaseCallbackHandler {
  return BaseCallbackHandler.fromMethods({
    handleCustomEvent(eventName: string, data: unknown) {
      const text = (data as { text?: unknown } | undefined)?.text
      if (eventName === ANSWER_TEXT_EVENT && typeof text === 'string' && text)
        onToken(text, { role: STREAMED_ROLE, adapter })
    },
  })
}

type StreamedChunk = {
  choices: { delta: { content?: string | null }; finish_reason: string | null }[]
  usage?: unknown
  adapter?: unknown
}

/**
 * A client whose non-streaming chat calls stream from the host underneath, handing each piece of text to
 * `onToken` and resolving with the whole response as a non-streaming call would. Done below LangChain so the
 * model's answer and its evidence (adapter, usage) are exactly those of a plain call: LangChain's own streaming
 * path merges chunk metadata by concatenating strings.
 */
function streamingClient(
  client: ChatCompletionsClient,
  role: string,
  adapter: string,
  onToken: NonNullable<RunAgentParameters['onToken']>,
): ChatCompletionsClient {
  return {
    chat: {
      completions: {
        async create(body, options) {
          if (body.stream) return client.chat.completions.create(body, options)
          const stream = (await client.chat.completions.create(
            { ...body, stream: true, stream_options: { include_usage: true } },
            options,
          )) as AsyncIterable<StreamedChunk>
          let content = ''
          let finishReason: string | null = null
          let usage: unknown
          let served: unknown = null
          for await (const chunk of stream) {
            if (chunk.adapter !== undefined) served = chunk.adapter
            if (chunk.usage) usage = chunk.usage
            const choice = chunk.choices[0]
            if (choice?.finish_reason) finishReason = choice.finish_reason
            const text = choice?.delta.content
            if (text) {
              content += text
              onToken(text, { role, adapter })
            }
          }
          return {
            choices: [{ message: { content }, finish_reason: finishReason }],
            usage: usage ?? null,
            adapter: served,
          }
        },
      },
    },
  }
}

function toMessage(message: BaseMessage | ChatInput): BaseMessage {
  if (!('role' in message) || typeof message.role !== 'string') return message as BaseMessage
  const { role, content } = message as ChatInput
  if (role === 'system') return new SystemMessage(content)
  if (role === 'assistant') return new AIMessage(content)
  return new HumanMessage(content)
}
