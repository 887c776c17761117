import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { receiptFromJson, receiptId as receiptIdOf } from '@openledger/attribution'
import { createLocalClient } from '@openledger/lora-host'
import { fineTuneQueue, startFineTuneWorker } from '@openledger/model-factory'
import { publishedEpochFromJson, verifyEpoch } from '@openledger/settlement'
import type { Queue, Worker } from 'bullmq'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApiKey } from '../apiKeys/createApiKey.js'
import { type StartedGateway, startGateway } from '../startGateway.js'
import { startTestGateway, TEST_REDIS_URL, type TestGateway } from '../testing/startTestGateway.js'
import type { GatewayFineTunes } from './GatewayFineTunes.js'

/** 10,000 steps (the default bound) cost 200 OPEN: more than the payer's 100 OPEN deposit. */
const FEE_PER_STEP = parseEther('0.02')
const STEPS = 3

let t: TestGateway
let queue: Queue
let worker: Worker
let g: StartedGateway
let otherKey: string
const directory = mkdtempSync(join(tmpdir(), 'openledger-gateway-fine-tunes-'))

/** A gateway over the test stack with fine-tunes (priced per step, under the story agent) and the given bounds. */
function fineTuneGateway(bounds: Partial<GatewayFineTunes> = {}) {
  return startGateway({
    agents: [t.served],
    connection: t.connection,
    manifest: t.manifest,
    store: t.store,
    usage: t.worker.usage,
    client: createLocalClient(t.testHost.host),
    baseModel: t.testHost.host.model.id,
    tokenizer: t.testHost.host.model.tokenizer,
    fineTunes: { queue, agentId: t.agentId, feePerStep: FEE_PER_STEP, ...bounds },
    onError: () => {},
  })
}

beforeAll(async () => {
  t = await startTestGateway()
  const connection = { redis: TEST_REDIS_URL, prefix: `test-gateway-fine-tunes-${randomUUID()}` }
  queue = fineTuneQueue(connection)
  worker = startFineTuneWorker({ ...connection, store: t.store, model: t.testHost.host.model })
  g = await fineTuneGateway()
  // A second key of the same payer: jobs are scoped to the key, not only to the account.
  otherKey = (await createApiKey(t.store, { account: t.payer, label: 'other key' })).secret
}, 120_000)

afterAll(async () => {
  await g?.close()
  await worker?.close()
  await queue?.obliterate({ force: true })
  await queue?.close()
  await t?.close()
  rmSync(directory, { recursive: true, force: true })
}, 60_000)

const payload = (extra: Record<string, unknown> = {}) => ({
  datanet: {
    chainId: t.connection.chainId,
    registry: t.manifest.contracts.DatanetRegistry,
    datanetId: t.datanet.datanetId.toString(),
  },
  rank: 2,
  steps: STEPS,
  seed: 1,
  outputDir: join(directory, 'adapters'),
  name: `adapter-${randomUUID()}`,
  ...extra,
})

async function call(path: string, init: { key?: string; method?: string; body?: unknown } = {}, url = g.url) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      'content-type': 'application/json',
      ...(init.key === undefined ? { authorization: `Bearer ${t.apiKey}` } : {}),
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: JSON.parse(text || 'null') }
}

/** What the payer may spend and how many fine-tune jobs exist: a refusal moves neither. */
async function untouched() {
  const [{ spendable }, counts] = await Promise.all([t.spendable(), queue.getJobCounts()])
  return { spendable, jobs: Object.values(counts).reduce((a, b) => a + b, 0) }
}

async function finished(id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { body } = await call(`/v1/fine-tunes/${id}`)
    if (body.state === 'completed' || body.state === 'failed') return body
    if (Date.now() > deadline) throw new Error(`fine-tune ${id} still ${body.state}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the fine-tune API behind the gateway: priced, bounded, scoped to its key', () => {
  test('a completed fine-tune is metered with a fine-tune receipt charged exactly steps × fee, and settles', async () => {
    const before = await t.spendable()
    const created = await call('/v1/fine-tunes', { body: payload() })
    expect(created.status).toBe(201)
    const done = await finished(created.body.id)
    expect(done).toMatchObject({ state: 'completed', result: { stepsRun: STEPS } })

    const deadline = Date.now() + 20_000
    let receiptId: string | undefined
    while (!receiptId) {
      for (const e of t.events)
        if (e.type === 'metered') {
          const { body } = await call(`/v1/receipts/${e.receiptId}`)
          if (body?.receipt?.kind === 'fine-tune') receiptId = e.receiptId
        }
      if (Date.now() > deadline) throw new Error('no fine-tune receipt was metered')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const { body } = await call(`/v1/receipts/${receiptId}`)
    const receipt = receiptFromJson(body.receipt)
    expect(receipt).toMatchObject({ version: 2, kind: 'fine-tune', fee: BigInt(STEPS) * FEE_PER_STEP })
    expect(receipt.payer).toBe(t.payer)
    expect(receipt.agentId).toBe(t.agentId.toString())
    expect(receipt.adapters[0]?.sha256).toBe(`0x${done.result.adapterSha256}`.replace(/^0x0x/, '0x'))
    expect(receipt.contributions.map((c) => c.rowId).sort()).toEqual(t.rows.map((r) => r.rowId).sort())
    expect(receipt.contributions.reduce((sum, c) => sum + c.weight, 0n)).toBe(10n ** 18n)
    const after = await t.spendable()
    expect(before.spendable - after.spendable).toBe(BigInt(STEPS) * FEE_PER_STEP)

    const posted = await t.settle()
    expect(posted?.posted?.receiptCount).toBeGreaterThanOrEqual(1)
    const status = (await call(`/v1/receipts/${receiptId}`)).body
    expect(status).toMatchObject({ status: 'posted' })
    // Anyone can recompute the posted epoch from its published receipts, the fine-tune's among them.
    const epoch = BigInt(status.epoch)
    const published = publishedEpochFromJson((await call(`/v1/epochs/${epoch}`)).body)
    expect(published.receipts.map((r) => receiptIdOf(r.receipt))).toContain(receiptId)
    const verified = await verifyEpoch(t.connection, t.manifest.contracts, {
      epoch,
      receipts: published.receipts,
      treasury: t.manifest.treasurySafe.address,
    })
    expect(verified.differences).toEqual([])
  }, 120_000)

  test('another key (of another account, or the same one) cannot read, follow or cancel a job: 404 as unknown', async () => {
    const created = await call('/v1/fine-tunes', { body: payload() })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const unknown = await call('/v1/fine-tunes/999999999')
    for (const key of [t.brokeApiKey, otherKey]) {
      const read = await call(`/v1/fine-tunes/${id}`, { key })
      expect(read.status).toBe(404)
      expect(read.body.error.message).toBe(`No fine-tune job ${id}.`)
      expect(unknown.body.error.message).toBe('No fine-tune job 999999999.')
      expect((await call(`/v1/fine-tunes/${id}/events`, { key })).status).toBe(404)
      expect((await call(`/v1/fine-tunes/${id}/cancel`, { key, method: 'POST' })).status).toBe(404)
    }
    expect((await call(`/v1/fine-tunes/${id}`)).status).toBe(200)
    const done = await finished(id)
    expect(done.state).toBe('completed')
  }, 120_000)

  test('a fine-tune over the payer balance is a 402 in the chat route codes; nothing is queued or held', async () => {
    const before = await untouched()
    const refused = await call('/v1/fine-tunes', { body: payload({ steps: 10_000 }) })
    expect(refused.status).toBe(402)
    expect(refused.body.error.code).toBe('insufficient_balance')
    expect(refused.body.error.message).toContain(
      'a fine-tune of 10000 steps costs 200 OPEN (0.02 OPEN a step)',
    )
    const broke = await call('/v1/fine-tunes', { key: t.brokeApiKey, body: payload() })
    expect(broke.status).toBe(402)
    expect(await untouched()).toEqual(before)
  })

  test('a cancelled fine-tune is charged nothing and its hold is released (a job as large then fits again)', async () => {
    const { spendable } = await t.spendable()
    // More than half of what the payer can spend: two such holds could not stand together.
    const steps = Number((spendable * 6n) / 10n / FEE_PER_STEP)
    const usage = await t.worker.usage.getJobCounts()
    for (let i = 0; i < 2; i++) {
      const created = await call('/v1/fine-tunes', { body: payload({ steps }) })
      expect(created.status).toBe(201)
      const cancelled = await call(`/v1/fine-tunes/${created.body.id}/cancel`, { method: 'POST' })
      expect(cancelled).toMatchObject({ status: 200, body: { id: created.body.id } })
      expect(await finished(created.body.id)).toMatchObject({
        state: 'failed',
        error: { name: 'FineTuneCancelledError' },
      })
      // The hold is released on the queue's `failed` event, a moment after the state reads failed.
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    expect((await t.spendable()).spendable).toBe(spendable)
    expect(await t.worker.usage.getJobCounts()).toEqual(usage)
  }, 120_000)

  test('steps over the bound is a 400 naming steps and the limit; rows over the bound a 422 naming the datanet', async () => {
    const before = await untouched()
    const steps = await call('/v1/fine-tunes', { body: payload({ steps: 10_001 }) })
    expect(steps.status).toBe(400)
    expect(steps.body.error).toMatchObject({
      field: 'steps',
      message: 'Invalid fine-tune: steps must be an integer from 1 to 10000 (the most steps a job may take).',
    })
    const small = await fineTuneGateway({ maxRows: 4, maxSteps: 50 })
    try {
      const rows = await call('/v1/fine-tunes', { body: payload() }, small.url)
      expect(rows.status).toBe(422)
      expect(rows.body.error).toMatchObject({ field: 'datanet.datanetId', code: 'too_many_rows' })
      expect(rows.body.error.message).toContain('more than 4 accepted rows')
      const fewer = await call('/v1/fine-tunes', { body: payload({ steps: 51 }) }, small.url)
      expect(fewer.body.error.field).toBe('steps')
    } finally {
      await small.close()
    }
    expect(await untouched()).toEqual(before)
  })

  test('without a key, or with a bad one, a fine-tune is a 401 and nothing is queued', async () => {
    const before = await untouched()
    expect((await call('/v1/fine-tunes', { key: '', body: payload() })).status).toBe(401)
    expect((await call('/v1/fine-tunes', { key: 'sk-nope', body: payload() })).status).toBe(401)
    expect(await untouched()).toEqual(before)
  })
})
