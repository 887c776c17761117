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
import { walletFiguresOf } from './figures.js'
import { parseWalletRequest, shortAddresses, type WalletRequest } from './route.js'

/** The conversation, plus this turn's request as the rules read it and the tools' JSON results by tool name. */
export const WalletState = Annotation.Root({
  ...MessagesAnnotation.spec,
  request: Annotation<WalletRequest | null>(),
  results: Annotation<Record<string, string>>(),
})
type State = typeof WalletState.State

/** The wallet tools each intent calls, in order, with their arguments. */
function callsOf(request: WalletRequest): Record<string, Record<string, unknown>> {
  // A transfer is only proposed here: it runs when the caller confirms its id, in a later message.
  if (request.intent === 'transfer')
    return { wallet_propose_transfer: { token: request.token, to: request.to, amount: request.amount } }
  if (request.intent === 'confirm') return { wallet_confirm: { id: request.id } }
  if (request.intent === 'cancel') return { wallet_cancel: { id: request.id } }
  if (request.intent === 'balances') return { wallet_balances: {}, wallet_allowance: { token: 'OPEN' } }
  if (request.intent === 'allowance') return { wallet_allowance: { token: request.token } }
  return {}
}

/**
 * The AI wallet's graph: `route` (a strict grammar) → `wallet` (propose a transfer as a pending action, confirm
 * or cancel one, balances, allowance on the caller's Safe) →
 * `search` (its datanet: retrieval evidence) → `answer` (the exact figures from the tools, then the `answer`
 * adapter's explanation, prompted with a one-line fact and the message as its training rows are). A message
 * the grammar rejects goes straight to `answer`, which says why; nothing is proposed or sent for it. Value moves
 * only on `confirm <id>` of the caller's own pending action, once.
 */
export function walletGraph({ models, tools, checkpointer }: AgentContext) {
  const call = async (name: string, args: Record<string, unknown>) =>
    String(await tools[name]!.invoke(args as never))

  const wallet = async (state: State) => {
    const calls = callsOf(state.request!)
    const results: Record<string, string> = {}
    for (const [name, args] of Object.entries(calls)) {
      results[name] = await call(name, args)
      // A failed transfer or a missing Safe makes the rest moot.
      if (JSON.parse(results[name]!).error) break
    }
    return { results, messages: toolMessages(calls, results, 'wallet') }
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
    const figures = walletFiguresOf(request, state.results)
    if (figures.failed) return written(figures.text)
    const prompt: BaseMessage[] = [
      ...(figures.fact ? [new SystemMessage(figures.fact)] : []),
      new HumanMessage(shortAddresses(questionOf(state.messages))),
    ]
    // Streamed at once: the figures; the rest once the adapter has answered (the pieces add up to the answer).
    if (figures.text) await writeAnswerText(figures.text)
    const reply = await models.answer!.invoke(prompt)
    // A question with no figures: the closest datanet row, quoted, grounds the adapter's text.
    const found = request.intent === 'explain' ? bestRowText(state.results.datanet_search) : undefined
    const quoted = found ? `From the datanet: "${found}"` : ''
    const content = [figures.text, wholeSentences(String(reply.content)), quoted].filter(Boolean).join('\n\n')
    await writeAnswerText(content.slice(figures.text.length))
    return { messages: [new AIMessage({ content, response_metadata: reply.response_metadata })] }
  }

  return new StateGraph(WalletState)
    .addNode('route', (state: State) => ({
      request: parseWalletRequest(questionOf(state.messages)),
      results: {},
    }))
    .addNode('wallet', wallet)
    .addNode('search', search)
    .addNode('answer', answer)
    .addEdge(START, 'route')
    .addConditionalEdges(
      'route',
      (state: State) => {
        const intent = state.request!.intent
        if (intent === 'invalid') return 'answer'
        return intent === 'explain' ? 'search' : 'wallet'
      },
      ['wallet', 'search', 'answer'],
    )
    .addEdge('wallet', 'search')
    .addEdge('search', 'answer')
    .addEdge('answer', END)
    .compile(checkpointer ? { checkpointer } : {})
}
