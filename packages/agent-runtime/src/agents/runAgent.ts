import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { StructuredToolInterface } from '@langchain/core/tools'
import type { BaseCheckpointSaver } from '@langchain/langgraph'
import { type Evidence, EvidenceCollector } from '../evidence/EvidenceCollector.js'
import { type ChatCompletionsClient, ChatLoraHost } from '../models/ChatLoraHost.js'
import type { Agent, AgentContext } from './defineAgent.js'

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
  /** Model settings for every role (default: greedy, 128 tokens). */
  maxTokens?: number
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
  if (missing.length) throw new Error(`agent ${agent.id} needs tools it was not given: ${missing.join(', ')}`)
  const models = Object.fromEntries(
    Object.entries(agent.adapters).map(([role, adapter]) => [
      role,
      new ChatLoraHost({ client, model: `${baseModel}:${adapter}`, maxTokens: parameters.maxTokens ?? 128 }),
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
  const state = (await graph.invoke(input, {
    callbacks: [collector],
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

function toMessage(message: BaseMessage | ChatInput): BaseMessage {
  if (!('role' in message) || typeof message.role !== 'string') return message as BaseMessage
  const { role, content } = message as ChatInput
  if (role === 'system') return new SystemMessage(content)
  if (role === 'assistant') return new AIMessage(content)
  return new HumanMessage(content)
}
