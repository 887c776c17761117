import { readFileSync } from 'node:fs'
import type { BaseMessage } from '@langchain/core/messages'
import { HumanMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { FakeListChatModel } from '@langchain/core/utils/testing'
import { MemorySaver } from '@langchain/langgraph'
import { ANSWER_TEXT_EVENT } from '@openledger/agent-runtime'
import { loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import type { ToolEnvironment } from '@openledger/tools'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defiGraph } from './graph.js'
import { DEFI_TOOLS, defiAssistant } from './index.js'

/** A tool answering canned JSON and recording its inputs, in place of the chain and the index. */
const canned = (name: string, output: object, calls: unknown[]) =>
  tool(
    async (input) => {
      calls.push({ name, input })
      return JSON.stringify(output)
    },
    { name, description: name, schema: z.object({}).passthrough() },
  )

const amount = (formatted: string, symbol: string) => ({ raw: '0', formatted, symbol })
const pool = {
  pair: '0xPAIR',
  tokenA: { symbol: 'OPEN', reserve: amount('1000000', 'OPEN') },
  tokenB: { symbol: 'USDC', reserve: amount('500000', 'USDC') },
  priceAInB: '0.5',
  priceBInA: '2',
}
const searchHit = {
  rows: [{ rowId: '0xROW', content: { kind: 'text', text: 'Deep pools have large reserves.' } }],
}

function fakeRun(responses: string[]) {
  const calls: { name: string; input: unknown }[] = []
  const prompts: BaseMessage[][] = []
  const written: string[] = []
  const answers: string[] = []
  const answer = new FakeListChatModel({ responses })
  const tools = {
    uniswap_price: canned(
      'uniswap_price',
      { base: { symbol: 'OPEN' }, quote: { symbol: 'USDC' }, price: '0.5', pair: '0xPAIR' },
      calls,
    ),
    uniswap_pool: canned('uniswap_pool', pool, calls),
    uniswap_quote: canned('uniswap_quote', {}, calls),
    datanet_search: canned('datanet_search', searchHit, calls),
  }
  const graph = defiGraph({ models: { answer }, tools, systemPrompt: '', checkpointer: new MemorySaver() })
  const ask = async (content: string) => {
    const state = (await graph.invoke(
      { messages: [new HumanMessage(content)] },
      {
        configurable: { thread_id: 't' },
        callbacks: [
          {
            handleChatModelStart: async (_llm: unknown, messages: BaseMessage[][]) =>
              void prompts.push(messages[0]!),
            handleCustomEvent: async (name: string, data: { text: string }) =>
              void (name === ANSWER_TEXT_EVENT && written.push(data.text)),
          },
        ],
      },
    )) as { messages: BaseMessage[] }
    const text = String(state.messages.at(-1)!.content)
    answers.push(text)
    return text
  }
  return { ask, answers, calls, prompts, written }
}

describe('the DeFi assistant package', () => {
  test('its seed rows are JSONL rows of 40 to 80, each short enough to train at seqLen 128', async () => {
    const lines = readFileSync(defiAssistant.datanet.rowsFile, 'utf8').trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(40)
    expect(lines.length).toBeLessThanOrEqual(80)
    const { tokenizer } = await loadBaseModel(stories260KDir)
    for (const line of lines) {
      const row = JSON.parse(line) as { text?: string; prompt?: string; completion?: string }
      expect(row.text !== undefined || (row.prompt !== undefined && row.completion !== undefined)).toBe(true)
      const tokens = tokenizer.encode(row.text ?? `${row.prompt}${row.completion}`, { bos: true }).length + 1
      expect(tokens).toBeLessThanOrEqual(128)
    }
  })

  test('creates its agent with the tools its package binds', () => {
    const agent = defiAssistant.create({ datanetId: 4n, adapters: { answer: 'defi-answer-x' } })
    expect(agent).toMatchObject({
      id: 'defi-assistant',
      adapters: { answer: 'defi-answer-x' },
      datanets: [4n],
    })
    expect(agent.feeWei).toBe(10n ** 16n)
    const environment = { connection: {}, uniswap: {}, store: {}, datanets: {} } as unknown as ToolEnvironment
    const tools = defiAssistant.tools(environment, { payer: '0x0000000000000000000000000000000000000001' })
    expect(Object.keys(tools).sort()).toEqual([...DEFI_TOOLS].sort())
    expect(agent.tools).toEqual([...DEFI_TOOLS])
  })

  test('composes the figures, then the adapter prompted with the fact and the question; a thread starts each turn afresh', async () => {
    const { ask, answers, calls, prompts, written } = fakeRun([
      'This is the mid price, set by the ratio of the pool reserves.$sy bags',
      'Slippage is the change in price.',
    ])
    const price = await ask('What is the price of OPEN in USDC?')
    expect(price).toBe(
      '1 OPEN = 0.5 USDC. That is the mid price of the OPEN/USDC pool (0xPAIR), from its reserves of 1000000 OPEN and 500000 USDC, before the 0.3% swap fee and price impact.\n\nThis is the mid price, set by the ratio of the pool reserves.',
    )
    expect(calls.map((c) => c.name)).toEqual(['uniswap_price', 'uniswap_pool', 'datanet_search'])
    expect(prompts[0]!.map((m) => [m._getType(), m.content])).toEqual([
      ['system', 'Price: 1 OPEN = 0.5 USDC.'],
      ['human', 'What is the price of OPEN in USDC?'],
    ])
    const explained = await ask('What is slippage?')
    expect(explained).toBe(
      'Slippage is the change in price.\n\nFrom the datanet: "Deep pools have large reserves."',
    )
    expect(prompts[1]!.map((m) => m._getType())).toEqual(['human'])
    expect(calls.map((c) => c.name).slice(3)).toEqual(['datanet_search'])
    expect(await ask('price of DOGE')).toBe(
      'I cannot price DOGE: the pools here trade only OPEN, WETH, USDC.',
    )
    expect(prompts).toHaveLength(2)
    // What a streaming gateway sends: the pieces the node wrote, in order, adding up to each answer.
    expect(written.join('')).toBe(answers.join(''))
    expect(written[0]).toBe(price.split('\n\n')[0])
  })
})
