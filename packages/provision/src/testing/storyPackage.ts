import { fileURLToPath } from 'node:url'
import { AIMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import { type AgentPackage, defineAgent } from '@openledger/agent-runtime'
import type { ToolEnvironment } from '@openledger/tools'
import { z } from 'zod'

/** Eight prompt/completion story rows: the seed of the test package's datanet. */
export const storySeedFile = fileURLToPath(new URL('./storySeed.jsonl', import.meta.url))

/**
 * For tests: a small agent package on stories260K: one `answer` adapter trained on `storySeedFile`, a
 * one-node graph, and tools that report the environment and the caller they were bound to.
 */
export function storyPackage(overrides: { id?: string; rowsFile?: string; adapter?: string } = {}) {
  const id = overrides.id ?? 'story-teller'
  const agentPackage: AgentPackage<ToolEnvironment> = {
    id,
    datanet: {
      name: `${id}-stories`,
      description: 'Short stories, one question and answer each.',
      license: 'CC-BY-4.0',
      rowsFile: overrides.rowsFile ?? storySeedFile,
    },
    adapters: { answer: { name: overrides.adapter ?? `${id}-answer`, steps: 200 } },
    create: ({ datanetId, adapters }) =>
      defineAgent({
        id,
        name: 'Story teller',
        description: 'Answers questions about short stories.',
        systemPrompt: 'You answer questions about short stories.',
        adapters,
        datanets: [datanetId],
        tools: ['wallet_balances'],
        fee: '0.01',
        stake: { minimum: '1500' },
        graph: ({ models }) =>
          new StateGraph(MessagesAnnotation)
            .addNode('answer', async (state) => {
              const reply = await models.answer!.invoke(state.messages)
              return { messages: [new AIMessage({ content: reply.content })] }
            })
            .addEdge(START, 'answer')
            .addEdge('answer', END)
            .compile(),
      }),
    tools: (environment, caller) => ({
      wallet_balances: tool(async () => (await environment.safeOf(caller.payer)) ?? 'no wallet', {
        name: 'wallet_balances',
        description: "The caller's Safe (a stand-in for the real wallet tool).",
        schema: z.object({}),
      }),
    }),
  }
  return agentPackage
}
