import type { BaseChatModelParams } from '@langchain/core/language_models/chat_models'
import { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages'
import type { ChatResult } from '@langchain/core/outputs'
import { type StructuredToolInterface, tool } from '@langchain/core/tools'
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import type { ChatCompletionsClient } from '../models/ChatLoraHost.js'
import { type AgentContext, defineAgent } from './defineAgent.js'
import { runAgent } from './runAgent.js'

/**
 * A neighbour faked for a unit test: a chat model that calls tools, as one behind an OpenAI-compatible endpoint
 * would. It asks for `price` once, then answers with the tool's result.
 */
class ScriptedToolCaller extends BaseChatModel {
  bound: string[] = []
  constructor(fields: BaseChatModelParams = {}) {
    super(fields)
  }
  _llmType(): string {
    return 'scripted-tool-caller'
  }
  override bindTools(tools: StructuredToolInterface[]) {
    this.bound = tools.map((t) => t.name)
    return this as never
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const result = messages.findLast((m) => m instanceof ToolMessage)
    const message = result
      ? new AIMessage(`The price is ${String(result.content)}.`)
      : new AIMessage({
          content: '',
          tool_calls: [{ id: 'call-1', name: 'price', args: { base: 'OPEN', quote: 'USDC' } }],
        })
    return { generations: [{ message, text: String(message.content) }] }
  }
}

const price = tool(async ({ base, quote }) => `1 ${base} = 0.5 ${quote}`, {
  name: 'price',
  description: 'The mid price of base in quote.',
  schema: z.object({ base: z.string(), quote: z.string() }),
})

/** A tool-calling loop: the model asks for tools, a ToolNode runs them, until the model answers. */
function toolLoop({ models, tools }: AgentContext) {
  const model = models.planner!.bindTools!(Object.values(tools))
  return new StateGraph(MessagesAnnotation)
    .addNode('model', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', new ToolNode(Object.values(tools)))
    .addEdge(START, 'model')
    .addConditionalEdges('model', toolsCondition, ['tools', END])
    .addEdge('tools', 'model')
    .compile()
}

const agent = defineAgent({
  id: 'tool-caller',
  name: 'Tool caller',
  description: 'Answers with tools its chat model calls.',
  systemPrompt: 'Use the tools.',
  adapters: { planner: 'unused-on-the-host' },
  tools: ['price'],
  fee: '0.01',
  stake: { minimum: '1' },
  graph: toolLoop,
})

const unreachableHost: ChatCompletionsClient = {
  chat: {
    completions: {
      create: () =>
        Promise.reject(new Error('the host must not be called for a role served by another model')),
    },
  },
}

describe('runAgent with a chat model that calls tools', () => {
  test('runs the tool-calling loop on the given model, and the evidence has the tool call', async () => {
    const planner = new ScriptedToolCaller()
    const { answer, evidence, messages } = await runAgent({
      agent,
      client: unreachableHost,
      baseModel: 'stories260K',
      models: { planner },
      tools: { price },
      messages: [{ role: 'user', content: 'Price of OPEN in USDC?' }],
    })
    expect(planner.bound).toEqual(['price'])
    expect(answer).toBe('The price is 1 OPEN = 0.5 USDC.')
    expect(messages.map((m) => m._getType())).toEqual(['human', 'ai', 'tool', 'ai'])
    expect(evidence.toolCalls).toEqual([
      expect.objectContaining({ name: 'price', output: expect.stringContaining('1 OPEN = 0.5 USDC') }),
    ])
    expect(evidence.generations.map((g) => g.adapter)).toEqual([null, null])
  })
})
