import { fileURLToPath } from 'node:url'
import type { StructuredToolInterface } from '@langchain/core/tools'
import { type AgentPackage, defineAgent } from '@openledger/agent-runtime'
import {
  datanetSearchTool,
  type ToolEnvironment,
  uniswapPoolTool,
  uniswapPriceTool,
  uniswapQuoteTool,
} from '@openledger/tools'
import { defiGraph } from './graph.js'

export { questionOf } from '@openledger/agent-runtime'
export { type Figures, figuresOf } from './figures.js'
export { DefiState, defiGraph } from './graph.js'
export { type DefiRequest, KNOWN_TOKENS, parseDefiRequest } from './route.js'

/** ModelFactory settings of the answer adapter (see its use below). */
const ANSWER_TRAINING = { lr: 1e-2, evalEvery: 200, patience: 0 }

/** The tools the DeFi assistant's graph calls. */
export const DEFI_TOOLS = ['uniswap_price', 'uniswap_quote', 'uniswap_pool', 'datanet_search'] as const

/**
 * The DeFi assistant: prices, swap quotes and pool reserves read from the devnet's Uniswap v2 pools, the exact
 * figures written from the tool results, explained by its `answer` adapter (fine-tuned on its datanet), with
 * its datanet searched for every question so each answer's receipt names the rows behind it.
 *
 * @example
 * const agent = defiAssistant.create({ datanetId: 1n, adapters: { answer: 'defi-answer' } })
 * const { answer } = await runAgent({ agent, client, baseModel, tools: defiAssistant.tools(environment, caller),
 *   messages: [{ role: 'user', content: 'What is the price of OPEN in USDC?' }] })
 */
export const defiAssistant: AgentPackage<ToolEnvironment> = {
  id: 'defi-assistant',
  datanet: {
    name: 'DeFi basics',
    description:
      'Short explanations of AMMs, constant product pools, prices, quotes, price impact, slippage, liquidity and the OPEN token, with answers in the style the DeFi assistant uses.',
    license: 'CC-BY-4.0',
    rowsFile: fileURLToPath(new URL('../datanet/rows.jsonl', import.meta.url)),
  },
  // Kept at its final step (evaluated only then), at a high rate: an adapter that says its rows' words, which
  // is what span attribution credits.
  adapters: { answer: { name: 'defi-answer', steps: 200, training: ANSWER_TRAINING } },
  create: ({ datanetId, adapters }) =>
    defineAgent({
      id: 'defi-assistant',
      name: 'DeFi assistant',
      description:
        'Prices, swap quotes and pool reserves from the Uniswap v2 pools (OPEN/WETH, OPEN/USDC), explained.',
      systemPrompt:
        'You explain prices, quotes and pools of an automated market maker in one or two short sentences.',
      adapters: { answer: adapters.answer ?? 'defi-answer' },
      datanets: [datanetId],
      tools: [...DEFI_TOOLS],
      fee: '0.01',
      streaming: 'text',
      stake: { minimum: '1000' },
      graph: defiGraph,
    }),
  tools: (environment): Record<string, StructuredToolInterface> => {
    const market = { connection: environment.connection, addresses: environment.uniswap }
    return {
      uniswap_price: uniswapPriceTool(market),
      uniswap_quote: uniswapQuoteTool(market),
      uniswap_pool: uniswapPoolTool(market),
      // The rows found are evidence for the receipt; the adapter's prompt is the fact and the question only.
      datanet_search: datanetSearchTool({
        store: environment.store,
        datanets: environment.datanets,
        inPrompt: false,
      }),
    }
  },
}
