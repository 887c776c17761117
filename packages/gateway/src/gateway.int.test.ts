import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BaseCheckpointSaver } from '@langchain/langgraph'
import { createCheckpointer } from '@openledger/agent-runtime'
import { receiptFromJson, receiptId, SHARE_SCALE, verifyReceipt } from '@openledger/attribution'
import { feeRouterAbi } from '@openledger/contracts'
import { planSettlement, publishedEpochFromJson } from '@openledger/settlement'
import { getSettlementState } from '@openledger/staking'
import { type Hex, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Attribution } from './chat/attributionObject.js'
import { startTestGateway, type TestGateway } from './testing/startTestGateway.js'

let t: TestGateway
let directory: string
let checkpointer: BaseCheckpointSaver
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'openledger-threads-'))
  checkpointer = await createCheckpointer(join(directory, 'threads.sqlite'))
  t = await startTestGateway({ onError: (error) => console.error(error), gateway: { checkpointer } })
}, 120_000)
afterAll(async () => {
  await t?.close()
  rmSync(directory, { recursive: true, force: true })
}, 60_000)

const question = [{ role: 'user' as const, content: 'Tell me about the big red ball in the park.' }]
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Body = any
const get = async (path: string): Promise<Body> => (await fetch(`${t.url}${path}`)).json()
const attributionOf = (value: unknown) => (value as { attribution: Attribution }).attribution

describe('the gateway with the official openai client', () => {
  test('answers, names datanet rows in the attribution, and the payer is debited once the worker meters it', async () => {
    const before = await t.spendable()
    const { data: completion, response } = await t.openai.chat.completions
      .create({ model: t.model, messages: question })
      .withResponse()
    expect(response.headers.get('x-request-id')).toMatch(/^req_/)
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'story-teller',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }],
    })
    const answer = completion.choices[0]!.message.content!
    expect(answer.length).toBeGreaterThan(0)
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0)
    const attribution = attributionOf(completion)
    const redBall = t.rows.find(
      (row) => row.content.kind === 'text' && row.content.text.includes('red ball'),
    )!
    expect(attribution).toMatchObject({
      agentId: t.agentId.toString(),
      fee: (10n ** 16n).toString(),
      payer: t.payer,
      noEvidence: false,
      adapters: [{ id: 'a0', sha256: expect.stringMatching(/^0x[0-9a-f]{64}$/) }],
      receiptUrl: `/v1/receipts/${attribution.receiptId}`,
    })
    expect(attribution.rows).toContainEqual(
      expect.objectContaining({
        rowId: redBall.rowId,
        contributor: redBall.contributor,
        text: 'Lily saw a big red ball in the park.',
      }),
    )
    const total = attribution.contributors.reduce((sum, c) => sum + BigInt(c.share), 0n)
    expect(total).toBe(SHARE_SCALE)
    for (const span of attribution.spans) expect(answer.slice(span.start, span.end)).toBe(span.text)

    await t.metered(attribution.receiptId)
    const after = await t.spendable()
    expect(before.spendable - after.spendable).toBe(10n ** 16n)
    const receipt = await get(attribution.receiptUrl)
    expect(receipt).toMatchObject({ status: 'metered', receipt: { id: attribution.receiptId } })
    expect(receiptFromJson(receipt.receipt).responseHash).toBe(keccak256(toHex(answer)))
  })

  test('streams the answer as chunks whose last one carries the attribution, then settles and verifies on-chain', async () => {
    const stream = await t.openai.chat.completions.create({
      model: t.model,
      messages: question,
      stream: true,
    })
    const chunks: unknown[] = []
    for await (const chunk of stream) chunks.push(chunk)
    const typed = chunks as {
      choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]
    }[]
    expect(typed[0]!.choices[0]!.delta.role).toBe('assistant')
    const content = typed.map((c) => c.choices[0]?.delta.content ?? '').join('')
    expect(typed.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1)
    const last = typed.at(-1)!
    expect(last.choices[0]!.finish_reason).toBe('stop')
    const attribution = attributionOf(last)
    expect(attribution.rows.length).toBeGreaterThan(0)

    await t.metered(attribution.receiptId)
    const queued = await get(`/v1/receipts/${attribution.receiptId}`)
    expect(receiptFromJson(queued.receipt).responseHash).toBe(keccak256(toHex(content)))

    // Posted: in escrow, its dispute window open; the receipt proves against the root it was posted with.
    const posted = await t.settle()
    expect(posted?.posted?.receiptCount).toBeGreaterThanOrEqual(1)
    const body = await get(`/v1/receipts/${attribution.receiptId}`)
    expect(body).toMatchObject({ status: 'posted', epoch: expect.any(String) })
    const epoch = BigInt(body.epoch)
    const record = await t.connection.publicClient.readContract({
      address: t.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'epochOf',
      args: [epoch],
    })
    expect(body.receiptsRoot).toBe(record.receiptsRoot)
    expect(verifyReceipt(receiptFromJson(body.receipt), body.proof as Hex[], record.receiptsRoot)).toBe(true)

    // Final once the window has passed: the root is the final one on-chain.
    await t.passDisputeWindow()
    expect((await t.settle())?.finalized.map((e) => e.epoch)).toEqual([epoch])
    const final = await get(`/v1/receipts/${attribution.receiptId}`)
    expect(final).toMatchObject({ status: 'final', receiptsRoot: body.receiptsRoot, proof: body.proof })
    const onChainRoot = await t.connection.publicClient.readContract({
      address: t.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'receiptsRootOf',
      args: [epoch],
    })
    expect(final.receiptsRoot).toBe(onChainRoot)

    // The epoch's receipts are public (no key) and give back its posted roots.
    const response = await fetch(`${t.url}/v1/epochs/${epoch}`)
    expect(response.status).toBe(200)
    const published = publishedEpochFromJson(await response.json())
    expect(published).toMatchObject({ epoch, receiptsRoot: onChainRoot, status: 'final' })
    expect(published.receipts.map((r) => receiptId(r.receipt))).toContain(attribution.receiptId)
    const { splits } = await getSettlementState(t.connection, t.manifest.contracts)
    const replanned = planSettlement({
      epoch,
      receipts: published.receipts,
      splits,
      adapterCreators: new Map(),
      treasury: t.manifest.treasurySafe.address,
    })
    expect(replanned.call.receiptsRoot).toBe(onChainRoot)
    expect(replanned.call.payoutsRoot).toBe(record.payoutsRoot)
    for (const [path, code] of [
      [`${epoch + 1n}`, 'epoch_not_found'],
      ['0', 'epoch_not_found'],
      ['abc', 'epoch_not_found'],
      ['99999999999999999999999', 'epoch_not_found'],
    ] as const) {
      const missing = await fetch(`${t.url}/v1/epochs/${path}`)
      expect(missing.status).toBe(404)
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(code)
    }
  }, 90_000)

  test('lists the agents as models, describes an agent, and serves health, metrics and the OpenAPI document', async () => {
    const models = await t.openai.models.list()
    expect(models.data.map((m) => m.id)).toEqual(['story-teller'])
    const agent = await get('/v1/agents/story-teller')
    expect(agent).toMatchObject({
      agentId: t.agentId.toString(),
      fee: (10n ** 16n).toString(),
      minimumStake: (10n ** 21n).toString(),
      active: true,
      status: 'active',
      adapters: { answer: 'a0' },
      datanets: [t.datanet.datanetId.toString()],
      tools: ['datanet_search'],
    })
    expect((await fetch(`${t.url}/health`)).status).toBe(200)
    const metrics = await (await fetch(`${t.url}/metrics`)).text()
    expect(metrics).toMatch(
      /openledger_gateway_answer_seconds_count\{agent="story-teller",stream="false"\} [1-9]/,
    )
    expect(metrics).toContain('openledger_gateway_overhead_seconds')
    const document = await get('/openapi.json')
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/chat/completions',
        '/v1/models',
        '/v1/agents/{id}',
        '/v1/receipts/{id}',
        '/v1/epochs/{epoch}',
        '/v1/actions',
        '/v1/actions/{id}/confirm',
        '/v1/actions/{id}/cancel',
        '/v1/fine-tunes',
        '/v1/fine-tunes/{id}',
        '/v1/fine-tunes/{id}/events',
        '/v1/fine-tunes/{id}/cancel',
      ]),
    )
    expect(document.components.schemas.ChatCompletionRequest.properties.messages.type).toBe('array')
  })

  test('keeps a conversation thread named by X-OpenLedger-Thread', async () => {
    const ask = (content: string) =>
      t.openai.chat.completions.create(
        { model: t.model, messages: [{ role: 'user', content }] },
        { headers: { 'X-OpenLedger-Thread': 'thread-1' } },
      )
    await ask('Tell me about the dog named Max.')
    await ask('And the bird?')
    const saved = await checkpointer.getTuple({
      configurable: { thread_id: `${t.payer}:${t.model}:thread-1` },
    })
    const messages = (saved!.checkpoint.channel_values as { messages: { content: unknown }[] }).messages
    // Two turns: question, lookup result, answer each.
    expect(messages).toHaveLength(6)
    expect(messages[3]!.content).toBe('And the bird?')
  })
})
