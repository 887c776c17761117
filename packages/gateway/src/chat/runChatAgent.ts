import { type RunAgentReturnType, runAgent, type ServedAgent } from '@openledger/agent-runtime'
import type { Address } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import type { ChatRequest } from './chatRequestSchema.js'

export type RunChatAgentParameters = {
  served: ServedAgent
  chat: ChatRequest
  payer: Address
  /** The conversation thread (`X-OpenLedger-Thread` or `user`), kept when the gateway has a checkpointer. */
  thread: string | undefined
  /** Aborted when the caller goes away. */
  signal: AbortSignal
  /** Each token of the answer role, when the request streams. */
  onToken: (token: string) => void
}

/**
 * Runs the agent on a chat request with the payer's tools, the request's sampling and the gateway's limits;
 * tokens are streamed only when the request asked for a stream.
 *
 * @example
 * const run = await runChatAgent(context, { served, chat, payer, thread, signal, onToken: stream.token })
 */
export async function runChatAgent(
  context: GatewayContext,
  parameters: RunChatAgentParameters,
): Promise<RunAgentReturnType> {
  const { served, chat, payer, thread } = parameters
  const tools = await served.tools({ payer })
  return runAgent({
    agent: served.agent,
    client: context.client,
    baseModel: context.baseModel,
    tools,
    messages: chat.messages,
    maxTokens: chat.maxTokens ?? context.limits?.maxTokens ?? 128,
    ...(chat.temperature === undefined ? {} : { temperature: chat.temperature }),
    ...(chat.stop?.length ? { stop: chat.stop } : {}),
    signal: parameters.signal,
    ...(chat.stream ? { onToken: parameters.onToken } : {}),
    ...(context.checkpointer && thread
      ? { checkpointer: context.checkpointer, threadId: `${payer}:${served.agent.id}:${thread}` }
      : {}),
  })
}
