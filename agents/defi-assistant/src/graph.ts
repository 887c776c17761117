import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import { Annotation, END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import {
  type AgentContext,
  bestRowText,
  questionOf,
  toolMessages,
  wholeSentences,
  writeAnswerText,
  writtenAnswer as written,
} from '@openledger/agent-runtime'
import { figuresOf, toolErrorOf } from './figures.js'
import { type DefiRequest, parseDefiRequest } from './route.js'

/** The conversation, plus this turn's request as the rules read it and the tools' JSON results by tool name. */
export const DefiState = Annotation.Root({
  ...MessagesAnnotation.spec,
  request: Annotation<DefiRequest | null>(),
  results: Annotation<Record<string, string>>(),
})
type State = typeof DefiState.State

/** The tools each market intent reads, with their arguments. */
const MARKET_CALLS = {
  price: (r: Extract<DefiRequest, { intent: 'price' }>) => ({
    uniswap_price: { base: r.base, quote: r.quote },
    uniswap_pool: { tokenA: r.base, tokenB: r.quote },
  }),
  quote: (r: Extract<DefiRequest, { intent: 'quote' }>) => ({
    uniswap_quote: { tokenIn: r.tokenIn, tokenOut: r.tokenOut, amountIn: r.amountIn },
  }),
  pool: (r: Extract<DefiRequest, { intent: 'pool' }>) => ({
    uniswap_pool: { tokenA: r.tokenA, tokenB: r.tokenB },
  }),
}

/**
 * The DeFi assistant's graph: `route` (rules) → `market` (the Uniswap tools the intent needs) → `search`
 * (the datanet: retrieval evidence) → `answer` (exact figures from the tools, then the `answer` adapter's
 * explanation, prompted with a one-line fact and the question as its training rows are). Questions that are
 * not about a price, quote or pool skip `market`; ones the rules reject go straight to `answer`, which says why.
 */
export function defiGraph({ models, tools, checkpointer }: AgentContext) {
  const call = async (name: string, args: Record<string, unknown>) =>
    String(await tools[name]!.invoke(args as never))

  const market = async (state: State) => {
    const request = state.request!
    const calls: Record<string, Record<string, unknown>> = request.intent === 'price'
      ? MARKET_CALLS.price(request)
      : request.intent === 'quote'
        ? MARKET_CALLS.quote(request)
        : request.intent === 'pool'
          ? MARKET_CALLS.pool(request)
          : {}
    const results: Record<string, string> = {}
    for (const [name, args] of Object.entries(calls)) results[name] = await call(name, args)
    return { results, messages: toolMessages(calls, results, 'market') }
  }

  const search = async (state: State) => {
    const args = { query: questionOf(state.messages), k: 3 }
    const output = await call('datanet_search', args)
    return {
      results: { ...state.results, datanet_search: output },
      messages: toolMessages({ datanet_search: args }, { datanet_search: output }, 'search'),
    }
  }

  const answer = async (state: State) => {
    const request = state.request!
    if (request.intent === 'invalid') return written(request.reason)
    const failed = Object.entries(state.results)
      .filter(([name]) => name !== 'datanet_search')
      .map(([, json]) => toolErrorOf(json))
      .find((message) => message !== undefined)
    if (failed) return written(`I could not read that from the pool: ${failed}`)
    const figures = figuresOf(request, state.results)
    const prompt: BaseMessage[] = [
      ...(figures.fact ? [new SystemMessage(figures.fact)] : []),
      new HumanMessage(questionOf(state.messages)),
    ]
    // Streamed at once: the figures; the rest once the adapter has answered (the pieces add up to the answer).
    if (figures.text) await writeAnswerText(figures.text)
    const reply = await models.answer!.invoke(prompt)
    const explanation = wholeSentences(String(reply.content))
    // A concept question has no figures: the closest datanet row, quoted, grounds the adapter's text.
    const found = request.intent === 'explain' ? bestRowText(state.results.datanet_search) : undefined
    const quoted = found ? `From the datanet: "${found}"` : ''
    const content = [figures.text, explanation, quoted].filter(Boolean).join('\n\n')
    await writeAnswerText(content.slice(figures.text.length))
    return { messages: [new AIMessage({ content, response_metadata: reply.response_metadata })] }
  }

  return new StateGraph(DefiState)
    .addNode('route', (state: State) => ({
      request: parseDefiRequest(questionOf(state.messages)),
      results: {},
    }))
    .addNode('market', market)
    .addNode('search', search)
    .addNode('answer', answer)
    .addEdge(START, 'route')
    .addConditionalEdges(
      'route',
      (state: State) => {
        const intent = state.request!.intent
        if (intent === 'invalid') return 'answer'
        return intent === 'explain' ? 'search' : 'market'
      },
      ['market', 'search', 'answer'],
    )
    .addEdge('market', 'search')
    .addEdge('search', 'answer')
    .addEdge('answer', END)
    .compile(checkpointer ? { checkpointer } : {})
}
