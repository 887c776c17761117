import { tool } from '@langchain/core/tools'
import { MessagesAnnotation, START, StateGraph } from '@langchain/langgraph'
import {
  type AgentContext,
  confirmPendingAction,
  createPendingAction,
  questionOf,
  type ServedAgent,
  toolMessages,
  writtenAnswer,
} from '@openledger/agent-runtime'
import { sendContractCall } from '@openledger/chain'
import { createLocalClient } from '@openledger/lora-host'
import OpenAI from 'openai'
import { type Address, erc20Abi, getAddress, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { type StartedGateway, startGateway } from '../../startGateway.js'
import { startTestGateway, type TestGateway } from '../../testing/startTestGateway.js'

const RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF'
/** Dev account 3 funds the test stack: the actions' transfers come out of its OPEN. */
const FROM = 3

let t: TestGateway
let actions: StartedGateway
let openai: OpenAI

/**
 * A test agent (the story agent's registration, so it is gated and charged the same) whose graph proposes a
 * transfer on `Send <n> OPEN to <address>` and runs it on `confirm <id>`: a real OPEN transfer on the devnet.
 */
function actionAgent(): ServedAgent {
  const graph = ({ tools }: AgentContext) =>
    new StateGraph(MessagesAnnotation)
      .addNode('act', async (state) => {
        const text = questionOf(state.messages)
        const confirm = /^confirm (act_[0-9a-f]{32})$/.exec(text)
        const send = /^Send (\d+) OPEN to (0x[0-9a-fA-F]{40})$/.exec(text)
        if (!confirm && !send) return writtenAnswer('Nothing to do.')
        const [name, args] = confirm
          ? ['confirm', { id: confirm[1]! }]
          : ['propose', { amount: send![1]!, to: send![2]! }]
        const output = String(await tools[name]!.invoke(args as never))
        const written = await writtenAnswer(output)
        return {
          messages: [...toolMessages({ [name]: args }, { [name]: output }, 'act'), ...written.messages],
        }
      })
      .addEdge(START, 'act')
      .compile()
  const tools = async ({ payer }: { payer: Address }) => ({
    propose: tool(
      async ({ amount, to }: { amount: string; to: string }) => {
        const action = await createPendingAction(t.store, {
          agentId: t.served.agent.id,
          payer,
          kind: 'transfer',
          summary: `Send ${amount} OPEN to ${to}`,
          params: { amount: parseEther(amount).toString(), to: getAddress(to) },
        })
        return JSON.stringify({ status: 'pending', id: action.id })
      },
      { name: 'propose', description: 'propose', schema: z.object({ amount: z.string(), to: z.string() }) },
    ),
    confirm: tool(
      async ({ id }: { id: string }) => {
        try {
          const { action, result } = await confirmPendingAction(t.store, {
            id,
            payer,
            run: async (claimed) => {
              const { hash } = await sendContractCall(t.connection, {
                account: t.account(FROM),
                address: t.manifest.contracts.OpenToken,
                abi: erc20Abi,
                functionName: 'transfer',
                args: [claimed.params.to as Address, BigInt(claimed.params.amount!)],
              })
              return { ok: true, txHash: hash, result: { status: 'sent', txHash: hash } }
            },
          })
          return JSON.stringify({
            ...result,
            executedAction: { id, kind: action.kind, txHash: action.txHash },
          })
        } catch (error) {
          return JSON.stringify({ error: { code: (error as Error).name, message: (error as Error).message } })
        }
      },
      { name: 'confirm', description: 'confirm', schema: z.object({ id: z.string() }) },
    ),
  })
  return { agent: { ...t.served.agent, tools: ['propose', 'confirm'], graph }, agentId: t.agentId, tools }
}

beforeAll(async () => {
  t = await startTestGateway()
  actions = await startGateway({
    agents: [actionAgent()],
    connection: t.connection,
    manifest: t.manifest,
    store: t.store,
    usage: t.worker.usage,
    client: createLocalClient(t.testHost.host),
    baseModel: t.testHost.host.model.id,
    tokenizer: t.testHost.host.model.tokenizer,
    onError: (error) => console.error(error),
  })
  openai = new OpenAI({ baseURL: `${actions.url}/v1`, apiKey: t.apiKey, maxRetries: 0 })
}, 180_000)
afterAll(async () => {
  await actions?.close()
  await t?.close()
})

const balance = () =>
  t.connection.publicClient.readContract({
    address: t.manifest.contracts.OpenToken,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [RECIPIENT],
  })
const ask = async (content: string) => {
  const completion = await openai.chat.completions.create({
    model: t.served.agent.id,
    messages: [{ role: 'user', content }],
  })
  return completion as typeof completion & {
    attribution: { kind: string; receiptId: string; action?: { id: string; txHash: string } }
  }
}
const post = (path: string, key = t.apiKey) =>
  fetch(`${actions.url}/v1/actions/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}` } })
const list = async () =>
  (await (
    await fetch(`${actions.url}/v1/actions`, { headers: { Authorization: `Bearer ${t.apiKey}` } })
  ).json()) as { data: { id: string; status: string; tx_hash: string | null; receipt_id: string | null }[] }
const propose = async (amount: number) => {
  const answer = await ask(`Send ${amount} OPEN to ${RECIPIENT}`)
  return (JSON.parse(answer.choices[0]!.message.content!) as { id: string }).id
}

describe('/v1/actions through the openai client', () => {
  test('send → pending (nothing moved) → confirm in the chat runs it once; the receipt names the action', async () => {
    const before = await balance()
    const id = await propose(5)
    expect(await balance()).toBe(before)
    expect((await list()).data.find((a) => a.id === id)?.status).toBe('pending')
    const confirmed = await ask(`confirm ${id}`)
    expect(await balance()).toBe(before + parseEther('5'))
    expect(confirmed.attribution.kind).toBe('action')
    expect(confirmed.attribution.action).toMatchObject({
      id,
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    const again = await ask(`confirm ${id}`)
    expect(again.choices[0]!.message.content).toContain('PendingActionNotPendingError')
    expect(again.attribution.kind).toBe('answer')
    for (let i = 0; i < 2; i++) {
      const refused = await post(`${id}/confirm`)
      expect(refused.status).toBe(409)
      expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'action_not_pending',
        message: expect.stringContaining(`Action ${id} is already done (transaction 0x`),
      })
    }
    expect(await balance()).toBe(before + parseEther('5'))
    const listed = (await list()).data.find((a) => a.id === id)!
    expect(listed).toMatchObject({ status: 'done', tx_hash: confirmed.attribution.action!.txHash })
    expect(listed.receipt_id).toBe(confirmed.attribution.receiptId)
  }, 60_000)

  test('three confirms at once over HTTP: exactly one transfer', async () => {
    const before = await balance()
    const id = await propose(2)
    const responses = await Promise.all([1, 2, 3].map(() => post(`${id}/confirm`)))
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      attribution?: { kind: string }
      error?: { code: string }
    }[]
    expect(bodies.filter((b) => b.attribution?.kind === 'action')).toHaveLength(1)
    expect(await balance()).toBe(before + parseEther('2'))
  }, 60_000)

  test('another key, an unknown id, an expired action and a cancelled one are refused with why', async () => {
    const before = await balance()
    const id = await propose(1)
    const foreign = await post(`${id}/confirm`, t.brokeApiKey)
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('action_not_yours')
    expect((await post(`act_${'0'.repeat(32)}/confirm`)).status).toBe(404)
    const old = await createPendingAction(t.store, {
      agentId: t.served.agent.id,
      payer: t.payer,
      kind: 'transfer',
      summary: 'old',
      params: { amount: '1', to: RECIPIENT },
      ttlMs: 1,
      now: new Date(Date.now() - 60_000),
    })
    const expired = await post(`${old.id}/confirm`)
    expect(expired.status).toBe(410)
    expect(((await expired.json()) as { error: { message: string } }).error.message).toBe(
      `Action ${old.id} expired at ${old.expiresAt}. Nothing was done: ask again to get a new action to confirm.`,
    )
    expect((await post(`${id}/cancel`, t.brokeApiKey)).status).toBe(403)
    const cancelled = await post(`${id}/cancel`)
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled')
    expect((await post(`${id}/confirm`)).status).toBe(409)
    expect(await balance()).toBe(before)
  }, 60_000)
})
