import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch'
import { AIMessage, SystemMessage, ToolMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { type Agent, type AgentContext, defineAgent, RETRIEVAL_EVENT } from '@openledger/agent-runtime'
import { type DatanetRef, embeddingText, listRows } from '@openledger/datanets'
import type { StoreSession } from '@openledger/store'
import { z } from 'zod'

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]+/g) ?? [])

/**
 * For tests: a datanet search tool by word overlap over the datanet's accepted rows; reports the rows it
 * returns as retrieval evidence (what a vector search tool reports), so answers are credited to them.
 */
export function datanetLookupTool(store: StoreSession, datanet: DatanetRef, k = 2) {
  return tool(
    async ({ query }) => {
      const asked = words(query)
      const rows = await listRows(store, { datanet, status: 'accepted' })
      const hits = rows
        .map((row) => {
          const text = embeddingText(row.content)
          const shared = [...words(text)].filter((w) => asked.has(w) && w.length > 2).length
          return { row, text, similarity: asked.size ? shared / asked.size : 0 }
        })
        .filter((hit) => hit.similarity > 0)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, k)
      await dispatchCustomEvent(RETRIEVAL_EVENT, {
        rows: hits.map((hit, rank) => ({
          datanetId: datanet.datanetId,
          rowId: hit.row.rowId,
          contributor: hit.row.contributor,
          similarity: hit.similarity,
          rank,
          inPrompt: true,
        })),
      })
      return hits.map((hit) => hit.text).join('\n') || 'Nothing found.'
    },
    {
      name: 'datanet_search',
      description: 'Finds rows of the story datanet about the question.',
      schema: z.object({ query: z.string().min(1) }),
    },
  )
}

/** A lookup node (the datanet search tool on the question) then an answer composed by the `answer` adapter. */
function storyGraph({ models, tools, systemPrompt, checkpointer }: AgentContext) {
  return new StateGraph(MessagesAnnotation)
    .addNode('lookup', async (state) => {
      const question = String(state.messages.at(-1)?.content ?? '')
      const result = await tools.datanet_search!.invoke({ query: question })
      return {
        messages: [
          new ToolMessage({ content: String(result), tool_call_id: 'lookup', name: 'datanet_search' }),
        ],
      }
    })
    .addNode('answer', async (state) => {
      const reply = await models.answer!.invoke([new SystemMessage(systemPrompt), ...state.messages])
      return {
        messages: [new AIMessage({ content: reply.content, response_metadata: reply.response_metadata })],
      }
    })
    .addEdge(START, 'lookup')
    .addEdge('lookup', 'answer')
    .addEdge('answer', END)
    .compile(checkpointer ? { checkpointer } : {})
}

/**
 * For tests: the story agent: looks the question up in its datanet, then answers with adapter `adapter`.
 *
 * @example
 * const agent = storyAgent({ datanetId: 1n, adapter: 'a0' })
 */
export function storyAgent(parameters: {
  datanetId: bigint
  adapter: string
  fee?: string
  minimumStake?: string
}): Agent {
  return defineAgent({
    id: 'story-teller',
    name: 'Story teller',
    description: 'Tells short stories from its datanet of story sentences.',
    systemPrompt: 'You tell short stories.',
    adapters: { answer: parameters.adapter },
    datanets: [parameters.datanetId],
    tools: ['datanet_search'],
    fee: parameters.fee ?? '0.01',
    stake: { minimum: parameters.minimumStake ?? '1000' },
    graph: storyGraph,
  })
}
