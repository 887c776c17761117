import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch'
import { AIMessage, SystemMessage, ToolMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { createLocalClient } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { getAddress, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { createCheckpointer } from '../checkpoints/createCheckpointer.js'
import { RETRIEVAL_EVENT } from '../evidence/EvidenceCollector.js'
import { type AgentContext, defineAgent, InvalidAgentDefinitionError } from './defineAgent.js'
import { runAgent } from './runAgent.js'

const contributor = getAddress(keccak256(toHex('contributor')).slice(0, 42))
const rowId = keccak256(toHex('row 1'))

/** A datanet lookup stand-in with a real tool interface: it reports the row it "found" as retrieval evidence. */
const lookup = tool(
  async ({ query }) => {
    await dispatchCustomEvent(RETRIEVAL_EVENT, {
      rows: [{ datanetId: 1n, rowId, contributor, similarity: 0.9, rank: 0, inPrompt: true }],
    })
    return `Lily had a red ball (about "${query}").`
  },
  { name: 'story_lookup', description: 'Finds a story row.', schema: z.object({ query: z.string().min(1) }) },
)

/**
 * The shape the example agents use on local models: explicit routing by a rule, a tool node, and an answer
 * composed by a specialist adapter from the tool result.
 */
function storyGraph({ models, tools, systemPrompt, checkpointer }: AgentContext) {
  return new StateGraph(MessagesAnnotation)
    .addNode('route', async () => ({}))
    .addNode('lookup', async (state) => {
      const question = String(state.messages.at(-1)?.content ?? '')
      const result = await tools.story_lookup!.invoke({ query: question })
      return {
        messages: [
          new ToolMessage({ content: String(result), tool_call_id: 'lookup', name: 'story_lookup' }),
        ],
      }
    })
    .addNode('answer', async (state) => {
      const reply = await models.answer!.invoke([new SystemMessage(systemPrompt), ...state.messages])
      return {
        messages: [new AIMessage({ content: reply.content, response_metadata: reply.response_metadata })],
      }
    })
    .addEdge(START, 'route')
    .addConditionalEdges(
      'route',
      (state) => (/ball|story/i.test(String(state.messages.at(-1)?.content)) ? 'lookup' : 'answer'),
      ['lookup', 'answer'],
    )
    .addEdge('lookup', 'answer')
    .addEdge('answer', END)
    .compile(checkpointer ? { checkpointer } : {})
}

const agent = defineAgent({
  id: 'story-teller',
  name: 'Story teller',
  description: 'Tells short stories, looking things up when asked about a ball.',
  systemPrompt: 'You tell short stories.',
  adapters: { answer: 'a0' },
  tools: ['story_lookup'],
  fee: '0.01',
  stake: { minimum: '100' },
  graph: storyGraph,
})

let testHost: TestHost
let directory: string
beforeAll(async () => {
  testHost = await createTestHost({ adapters: 1 })
  directory = mkdtempSync(join(tmpdir(), 'openledger-agent-'))
})
afterAll(async () => {
  await testHost?.close()
  rmSync(directory, { recursive: true, force: true })
})

const run = (
  messages: { role: 'user'; content: string }[],
  extra: Partial<Parameters<typeof runAgent>[0]> = {},
) =>
  runAgent({
    agent,
    client: createLocalClient(testHost.host),
    baseModel: 'stories260K',
    tools: { story_lookup: lookup },
    messages,
    maxTokens: 16,
    ...extra,
  })

describe('runAgent on LangGraph with the real host', () => {
  test('routes to the tool node, answers with the specialist adapter, and collects the evidence', async () => {
    const { answer, evidence } = await run([{ role: 'user', content: 'Tell me about the ball.' }])
    expect(answer.length).toBeGreaterThan(0)
    expect(evidence.generations).toHaveLength(1)
    expect(evidence.generations[0]).toMatchObject({
      adapter: { id: 'a0' },
      model: 'stories260K:a0',
      text: answer,
    })
    expect(evidence.toolCalls).toEqual([
      expect.objectContaining({
        name: 'story_lookup',
        output: expect.stringContaining('Lily had a red ball'),
      }),
    ])
    expect(evidence.retrieval).toEqual([expect.objectContaining({ rowId, contributor })])

    const direct = await run([{ role: 'user', content: 'Hello there.' }])
    expect(direct.evidence.toolCalls).toEqual([])
    expect(direct.evidence.retrieval).toEqual([])
  })

  test.each([
    ['SQLite', () => join(directory, 'threads.sqlite')],
    ['PostgreSQL', () => process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'],
  ])('keeps a conversation thread in %s', async (_name, url) => {
    const checkpointer = await createCheckpointer(url())
    const threadId = randomUUID()
    const first = await run([{ role: 'user', content: 'Hello there.' }], { checkpointer, threadId })
    expect(first.messages).toHaveLength(2)
    const second = await run([{ role: 'user', content: 'And then?' }], { checkpointer, threadId })
    expect(second.messages.map((m) => m._getType())).toEqual(['human', 'ai', 'human', 'ai'])
    const other = await run([{ role: 'user', content: 'Hello there.' }], {
      checkpointer,
      threadId: randomUUID(),
    })
    expect(other.messages).toHaveLength(2)
    await (checkpointer as { end?: () => Promise<void> }).end?.()
  })

  test('refuses a bad definition naming the field, and a run missing a tool', async () => {
    const base = { ...agent, fee: '0.01', stake: { minimum: '1' }, datanets: [] }
    expect(() => defineAgent({ ...base, id: 'Bad Id' })).toThrow(InvalidAgentDefinitionError)
    expect(() => defineAgent({ ...base, fee: '-1' })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidAgentDefinitionError: Invalid agent definition: fee must be an amount of OPEN, e.g. "0.01".]`,
    )
    expect(() => defineAgent({ ...base, adapters: {} })).toThrow(
      'Invalid agent definition: adapters must name at least one role.',
    )
    await expect(run([{ role: 'user', content: 'hi' }], { tools: {} })).rejects.toThrow(
      'agent story-teller needs tools it was not given: story_lookup',
    )
  })
})
