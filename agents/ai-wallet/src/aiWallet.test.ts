import { readFileSync } from 'node:fs'
import type { BaseMessage } from '@langchain/core/messages'
import { HumanMessage } from '@langchain/core/messages'
import { tool } from '@langchain/core/tools'
import { FakeListChatModel } from '@langchain/core/utils/testing'
import { MemorySaver } from '@langchain/langgraph'
import { loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import type { ToolEnvironment } from '@openledger/tools'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { walletGraph } from './graph.js'
import { aiWallet, WALLET_TOOLS } from './index.js'

const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const amount = (formatted: string, symbol = 'OPEN') => ({ raw: formatted, formatted, symbol })
const canned = (name: string, output: object, calls: string[]) =>
  tool(
    async () => {
      calls.push(name)
      return JSON.stringify(output)
    },
    { name, description: name, schema: z.object({}).passthrough() },
  )

function fakeRun(outputs: { propose?: object; confirm?: object }) {
  const calls: string[] = []
  const prompts: BaseMessage[][] = []
  const tools = {
    wallet_propose_transfer: canned('wallet_propose_transfer', outputs.propose ?? {}, calls),
    wallet_confirm: canned('wallet_confirm', outputs.confirm ?? {}, calls),
    wallet_cancel: canned('wallet_cancel', {}, calls),
    wallet_balances: canned(
      'wallet_balances',
      { account: '0xSAFE', balances: [amount('10', 'ETH'), amount('1000')] },
      calls,
    ),
    wallet_allowance: canned(
      'wallet_allowance',
      {
        safe: '0xSAFE',
        amount: amount('10'),
        spent: amount('0'),
        remaining: amount('10'),
        resetPeriod: 86400,
        resetsAt: '2030-01-01T00:00:00.000Z',
      },
      calls,
    ),
    datanet_search: canned('datanet_search', { rows: [] }, calls),
  }
  const answer = new FakeListChatModel({
    responses: ['Nothing moved. The owners must sign the proposal first.'],
  })
  const graph = walletGraph({ models: { answer }, tools, systemPrompt: '', checkpointer: new MemorySaver() })
  const ask = async (content: string) => {
    const state = (await graph.invoke(
      { messages: [new HumanMessage(content)] },
      {
        configurable: { thread_id: 't' },
        callbacks: [
          {
            handleChatModelStart: async (_llm: unknown, messages: BaseMessage[][]) =>
              void prompts.push(messages[0]!),
          },
        ],
      },
    )) as { messages: BaseMessage[] }
    return String(state.messages.at(-1)!.content)
  }
  return { ask, calls, prompts }
}

describe('the AI wallet package', () => {
  test('its seed rows are JSONL rows of 40 to 80, each short enough to train at seqLen 128', async () => {
    const lines = readFileSync(aiWallet.datanet.rowsFile, 'utf8').trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(40)
    expect(lines.length).toBeLessThanOrEqual(80)
    const { tokenizer } = await loadBaseModel(stories260KDir)
    for (const line of lines) {
      const row = JSON.parse(line) as { text?: string; prompt?: string; completion?: string }
      const tokens = tokenizer.encode(row.text ?? `${row.prompt}${row.completion}`, { bos: true }).length + 1
      expect(tokens).toBeLessThanOrEqual(128)
    }
  })

  test('creates its agent with the tools its package binds', () => {
    const agent = aiWallet.create({ datanetId: 5n, adapters: { answer: 'wallet-answer' } })
    expect(agent).toMatchObject({ id: 'ai-wallet', adapters: { answer: 'wallet-answer' }, datanets: [5n] })
    const environment = {
      connection: {},
      manifest: { contracts: { OpenToken: '0x0000000000000000000000000000000000000002' }, safe: {} },
      uniswap: {},
      store: {},
      datanets: {},
      agentAccount: { address: '0x0000000000000000000000000000000000000003' },
    } as unknown as ToolEnvironment
    const tools = aiWallet.tools(environment, { payer: '0x0000000000000000000000000000000000000001' })
    expect(Object.keys(tools).sort()).toEqual([...WALLET_TOOLS].sort())
  })

  test('a transfer is only proposed: the answer names the pending action, what and which limit, and how to confirm', async () => {
    const id = `act_${'1'.repeat(32)}`
    const { ask, calls } = fakeRun({
      propose: {
        status: 'pending',
        action: {
          id,
          expiresAt: '2030-01-01T00:10:00.000Z',
          summary: `Send 5 OPEN from your Safe 0xSAFE to ${to}, within my spending limit (10 OPEN left): confirming sends it at once.`,
        },
        amount: amount('5'),
        remaining: amount('10'),
      },
    })
    expect(await ask(`Send 5 OPEN to ${to}`)).toMatch(
      new RegExp(
        `^Nothing has moved yet\\. Send 5 OPEN from your Safe 0xSAFE to ${to}, within my spending limit \\(10 OPEN left\\): confirming sends it at once\\. To go ahead, reply "confirm ${id}" before 2030-01-01T00:10:00\\.000Z; "cancel ${id}" drops it\\.`,
      ),
    )
    expect(calls).toEqual(['wallet_propose_transfer', 'datanet_search'])
  })

  test('a confirmed over-limit transfer: the proposal, then the adapter prompted with the fact', async () => {
    const { ask, calls, prompts } = fakeRun({
      confirm: {
        status: 'needs_owner_signature',
        safeTxHash: '0xPROPOSAL',
        remaining: amount('10'),
        requested: amount('50'),
        resetsAt: '2030-01-01T00:00:00.000Z',
        executedAction: { id: `act_${'2'.repeat(32)}`, kind: 'transfer', txHash: '0xPROPOSAL' },
      },
    })
    expect(await ask(`confirm act_${'2'.repeat(32)}`)).toBe(
      "Nothing was sent: 50 OPEN is above my spending limit on your Safe. 10 OPEN is left, until 2030-01-01T00:00:00.000Z. I proposed Safe transaction 0xPROPOSAL instead: the tokens move only once the Safe's owners sign it.\n\nNothing moved. The owners must sign the proposal first.",
    )
    expect(calls).toEqual(['wallet_confirm', 'datanet_search'])
    expect(prompts[0]!.map((m) => m.content)).toEqual([
      'Proposal: 50 OPEN is over the limit. Left: 10 OPEN.',
      `confirm act_${'2'.repeat(32)}`,
    ])
  })

  test('a refused confirm stops there and says why, with no model call', async () => {
    const { ask, calls, prompts } = fakeRun({
      confirm: {
        error: {
          code: 'PendingActionNotPendingError',
          message: 'Action act_x is already done: an action runs at most once. Nothing more was done.',
        },
      },
    })
    expect(await ask(`confirm act_${'3'.repeat(32)}`)).toBe(
      'I could not do that: Action act_x is already done: an action runs at most once. Nothing more was done.',
    )
    expect(calls).toEqual(['wallet_confirm', 'datanet_search'])
    expect(prompts).toEqual([])
  })

  test('a negation, a question or an ambiguous request calls no wallet tool', async () => {
    const { ask, calls } = fakeRun({})
    expect(await ask(`Do not send 5 OPEN to ${to}`)).toContain('this reads as a negation')
    expect(await ask(`Give my 3 friends at ${to} 5 OPEN each`)).toContain('This is ambiguous')
    expect(calls).toEqual([])
  })
})
