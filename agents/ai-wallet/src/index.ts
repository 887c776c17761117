import { fileURLToPath } from 'node:url'
import { type AgentPackage, defineAgent } from '@openledger/agent-runtime'
import { datanetSearchTool, type ToolEnvironment } from '@openledger/tools'
import { walletGraph } from './graph.js'
import { callerWalletTools } from './tools/callerWalletTools.js'
import { walletActionTools } from './tools/walletActionTools.js'

export { questionOf } from '@openledger/agent-runtime'
export { periodOf, type WalletFigures, walletFiguresOf } from './figures.js'
export { WalletState, walletGraph } from './graph.js'
export { parseWalletRequest, shortAddresses, type WalletRequest } from './route.js'
export { callerWalletTools, walletTokensOf } from './tools/callerWalletTools.js'
export { WALLET_AGENT_ID, walletActionTools } from './tools/walletActionTools.js'

/** ModelFactory settings of the answer adapter (see its use below). */
const ANSWER_TRAINING = { lr: 1e-2, evalEvery: 200, patience: 0 }

/** The tools the AI wallet's graph calls. */
export const WALLET_TOOLS = [
  'wallet_propose_transfer',
  'wallet_confirm',
  'wallet_cancel',
  'wallet_balances',
  'wallet_allowance',
  'datanet_search',
] as const

/**
 * The AI wallet: proposes transfers from the caller's Safe as pending actions and runs one, once, when the
 * caller confirms its id (`confirm act_…`); it sends tokens from the caller's Safe within the spending limit its owners gave the agent
 * (on-chain, SpendingLimitModule), proposes anything above it as a Safe transaction for the owners to sign,
 * and reports balances and the allowance. Figures come straight from the tools; its `answer` adapter
 * (fine-tuned on its datanet) explains them.
 *
 * @example
 * const agent = aiWallet.create({ datanetId: 2n, adapters: { answer: 'wallet-answer' } })
 * await runAgent({ agent, client, baseModel, tools: aiWallet.tools(environment, { payer }),
 *   messages: [{ role: 'user', content: 'Send 5 OPEN to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }] })
 */
export const aiWallet: AgentPackage<ToolEnvironment> = {
  id: 'ai-wallet',
  datanet: {
    name: 'Safe wallets',
    description:
      'Short explanations of Safes, owners and thresholds, spending limits and allowances, transfers and proposals, with answers in the style the AI wallet uses.',
    license: 'CC-BY-4.0',
    rowsFile: fileURLToPath(new URL('../datanet/rows.jsonl', import.meta.url)),
  },
  // Kept at its final step (evaluated only then), at a high rate: an adapter that says its rows' words, which
  // is what span attribution credits.
  adapters: { answer: { name: 'wallet-answer', steps: 200, training: ANSWER_TRAINING } },
  create: ({ datanetId, adapters }) =>
    defineAgent({
      id: 'ai-wallet',
      name: 'AI wallet',
      description:
        'Sends tokens from your Safe within the spending limit you gave it, proposes larger transfers for your signature, and reports balances.',
      systemPrompt: 'You explain what happened in a Safe wallet in one or two short sentences.',
      adapters: { answer: adapters.answer ?? 'wallet-answer' },
      datanets: [datanetId],
      tools: [...WALLET_TOOLS],
      fee: '0.01',
      streaming: 'text',
      stake: { minimum: '1000' },
      graph: walletGraph,
    }),
  tools: (environment, caller) => ({
    ...callerWalletTools(environment, caller.payer),
    ...walletActionTools(environment, caller.payer),
    // The rows found are evidence for the receipt; the adapter's prompt is the fact and the message only.
    datanet_search: datanetSearchTool({
      store: environment.store,
      datanets: environment.datanets,
      inPrompt: false,
    }),
  }),
}
