import { openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  authorizeCharges,
  challengeAgent,
  depositFees,
  executeSafeTransaction,
  proposeResolveChallenge,
  requestUnstake,
  signSafeTransaction,
  stake,
} from '@openledger/staking'
import OpenAI from 'openai'
import { keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApiKey } from './apiKeys/createApiKey.js'
import { revokeApiKey } from './apiKeys/revokeApiKey.js'
import { startGateway } from './startGateway.js'
import { startTestGateway, type TestGateway } from './testing/startTestGateway.js'

const DAY = 24n * 3600n
let t: TestGateway
beforeAll(async () => {
  t = await startTestGateway()
}, 120_000)
afterAll(async () => {
  await t?.close()
}, 60_000)

const messages = [{ role: 'user', content: 'Tell me about the dog named Max.' }]

async function post(body: unknown, headers: Record<string, string> = {}, url = t.url) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const json = (await response.json()) as {
    error: { message: string; type: string; param: string | null; code: string | null; request_id: string }
  }
  return { status: response.status, headers: response.headers, error: json.error }
}

/** What the payer has been charged, by the ledger and by the queue: neither may move on a refusal. */
async function charged() {
  const [{ spendable }, counts] = await Promise.all([t.spendable(), t.worker.usage.getJobCounts()])
  return { spendable, jobs: Object.values(counts).reduce((a, b) => a + b, 0) }
}

describe('refusals, each with an OpenAI-style error body and no debit', () => {
  test('an unknown model is a 404 (the openai client sees NotFoundError)', async () => {
    const before = await charged()
    const refused = await t.openai.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error) => error)
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError)
    expect(refused.status).toBe(404)
    expect(refused.error).toMatchObject({ param: 'model', code: 'model_not_found', type: 'not_found_error' })
    expect(await charged()).toEqual(before)
  })

  test('malformed messages are a 400 naming the field; the request id is echoed in the header and the body', async () => {
    const refused = await post(
      { model: t.model, messages: [{ role: 'user', content: 3 }] },
      { 'x-request-id': 'client-chosen-id-1' },
    )
    expect(refused.status).toBe(400)
    expect(refused.error).toMatchObject({ type: 'invalid_request_error', param: 'messages[0].content' })
    expect(refused.headers.get('x-request-id')).toBe('client-chosen-id-1')
    expect(refused.error.request_id).toBe('client-chosen-id-1')
    expect((await post({ model: t.model })).error.param).toBe('messages')
    expect((await post('{"model": ')).error).toMatchObject({ code: 'invalid_json' })
    const insane = await post({ model: t.model }, { 'x-request-id': 'bad id with spaces' })
    expect(insane.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
  })

  test('an oversized body is a 413', async () => {
    const refused = await post({
      model: t.model,
      messages: [{ role: 'user', content: 'x'.repeat(300 * 1024) }],
    })
    expect(refused.status).toBe(413)
    expect(refused.error.code).toBe('request_too_large')
  })

  test('a missing, unknown or revoked API key is a 401', async () => {
    expect((await post({ model: t.model, messages }, { authorization: '' })).error.code).toBe(
      'missing_api_key',
    )
    const bad = await new OpenAI({
      baseURL: `${t.url}/v1`,
      apiKey: 'ol_not-a-key',
      maxRetries: 0,
    }).chat.completions
      .create({ model: t.model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((error) => error)
    expect(bad).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(bad.error.code).toBe('invalid_api_key')
    const key = await createApiKey(t.store, { account: t.payer, label: 'to revoke' })
    await revokeApiKey(t.store, key.id)
    const revoked = await post({ model: t.model, messages }, { authorization: `Bearer ${key.secret}` })
    expect(revoked).toMatchObject({ status: 401, error: { code: 'revoked_api_key' } })
  })

  test('a caller with no deposit is a 402 saying the balance, the fee and how to deposit', async () => {
    const refused = await post({ model: t.model, messages }, { authorization: `Bearer ${t.brokeApiKey}` })
    expect(refused.status).toBe(402)
    expect(refused.error.message).toBe(
      `Insufficient prepaid balance: ${t.brokePayer} can spend 0 OPEN and story-teller charges 0.01 OPEN per answer. Deposit OPEN in FeeRouter (\`openledger fees deposit <amount>\`).`,
    )
    expect((await t.spendable(t.brokePayer)).unsettled).toBe(0n)
  })

  test('a payer whose balance covers one fee gets one of two concurrent answers and a 402 for the other', async () => {
    const payer = t.account(2)
    const fee = t.served.agent.feeWei
    const hash = await t.connection.walletClient(t.account(3)).writeContract({
      address: t.manifest.contracts.OpenToken,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [payer.address, WEI_PER_OPEN],
    } as never)
    await t.connection.publicClient.waitForTransactionReceipt({ hash })
    await depositFees(t.connection, t.manifest.contracts, { account: payer, amount: fee })
    await authorizeCharges(t.connection, t.manifest.contracts, {
      account: payer,
      perPeriod: fee,
      period: DAY,
    })
    const { secret } = await createApiKey(t.store, { account: payer.address })
    const both = await Promise.all(
      [0, 1].map(() => post({ model: t.model, messages }, { authorization: `Bearer ${secret}` })),
    )
    expect(both.map((r) => r.status).sort()).toEqual([200, 402])
    // Let the worker meter the answer, so later tests' before/after comparisons see no late change.
    for (let i = 0; i < 200 && (await t.spendable(payer.address)).unsettled !== fee; i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await t.spendable(payer.address)).spendable).toBe(0n)
  })

  test('a payer that deposited but authorised no charges is a 402 saying how to authorise; authorised, it is served', async () => {
    const payer = t.account(6)
    const fee = t.served.agent.feeWei
    await depositFees(t.connection, t.manifest.contracts, { account: payer, amount: fee * 3n })
    const { secret } = await createApiKey(t.store, { account: payer.address })
    const refused = await post({ model: t.model, messages }, { authorization: `Bearer ${secret}` })
    expect(refused).toMatchObject({ status: 402, error: { code: 'charge_cap_reached' } })
    expect(refused.error.message).toBe(
      `Charge cap reached: ${payer.address} can spend 0 OPEN and story-teller charges 0.01 OPEN per answer; its authorisation lets FeeRouter charge it 0 OPEN more this period. Authorise more (\`openledger fees authorize --per-period <amount>\`) or wait for the next period.`,
    )
    // A cap of one fee a day: one answer, then the cap is what refuses (re-read from the chain at the gate).
    await authorizeCharges(t.connection, t.manifest.contracts, {
      account: payer,
      perPeriod: fee,
      period: DAY,
    })
    const first = await post({ model: t.model, messages }, { authorization: `Bearer ${secret}` })
    expect(first.status).toBe(200)
    for (let i = 0; i < 200 && (await t.spendable(payer.address)).unsettled !== fee; i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    const second = await post({ model: t.model, messages }, { authorization: `Bearer ${secret}` })
    expect(second).toMatchObject({ status: 402, error: { code: 'charge_cap_reached' } })
  })

  test('over the rate limit of a key is a 429 with Retry-After', async () => {
    const limited = await startGateway({
      agents: [t.served],
      connection: t.connection,
      manifest: t.manifest,
      store: t.store,
      usage: t.worker.usage,
      client: t.openai,
      baseModel: 'stories260K',
      tokenizer: t.testHost.host.model.tokenizer,
      limits: { rate: { burst: 2, perSecond: 0.01 } },
    })
    try {
      // Malformed bodies still take tokens: the limit comes before the body is read.
      expect((await post({}, {}, limited.url)).status).toBe(400)
      expect((await post({}, {}, limited.url)).status).toBe(400)
      const refused = await post({}, {}, limited.url)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(refused.error.type).toBe('rate_limit_error')
    } finally {
      await limited.close()
    }
  })

  test('an agent whose stake was withdrawn is a 403 saying its stake and the minimum; staked again, it answers', async () => {
    const creator = t.account(4)
    const minimum = t.served.agent.minimumStakeWei
    await requestUnstake(t.connection, t.manifest.contracts, {
      account: creator,
      agentId: t.agentId,
      amount: minimum,
    })
    const before = await charged()
    const refused = await post({ model: t.model, messages })
    expect(refused.status).toBe(403)
    expect(refused.error.message).toBe(
      `Agent story-teller is not active: its active stake is 0 OPEN, below the minimum of 1000 OPEN. Stake on agent ${t.agentId} to bring it back.`,
    )
    expect(await charged()).toEqual(before)
    const agent = (await (await fetch(`${t.url}/v1/agents/${t.agentId}`)).json()) as {
      status: string
      active: boolean
    }
    expect(agent).toMatchObject({ status: 'understaked', active: false })
    await stake(t.connection, t.manifest.contracts, { account: creator, agentId: t.agentId, amount: minimum })
    const answered = await t.openai.chat.completions.create({
      model: t.model,
      messages: [{ role: 'user', content: 'hi' }],
    })
    await t.metered(
      (answered as unknown as { attribution: { receiptId: `0x${string}` } }).attribution.receiptId,
    )
  }, 60_000)

  test('the model host down is a 503 with Retry-After and no debit; /health says so too', async () => {
    await t.hostServer!.close()
    const before = await charged()
    for (const stream of [false, true]) {
      const refused = await post({ model: t.model, messages, stream })
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('5')
      expect(refused.error).toMatchObject({ type: 'service_unavailable', code: 'model_host_unavailable' })
    }
    expect(await charged()).toEqual(before)
    expect((await fetch(`${t.url}/health`)).status).toBe(503)
  })

  test('a slashed (jailed) agent is a 403 saying so', async () => {
    const key = (i: number) => t.devnet.devnet.accounts[i]!.privateKey
    const { challengeId } = await challengeAgent(t.connection, t.manifest.contracts, {
      account: t.account(0),
      agentId: t.agentId,
      evidenceHash: keccak256(toHex('a wrong answer')),
    })
    const infrastructure = t.manifest.safe
    const { safeTxHash } = await proposeResolveChallenge(t.connection, t.store, {
      infrastructure,
      safeAddress: t.manifest.treasurySafe.address,
      contracts: t.manifest.contracts,
      proposerKey: key(0),
      challengeId,
      upheld: true,
      slashBps: 2_000,
    })
    await signSafeTransaction(t.connection, t.store, { infrastructure, safeTxHash, signerKey: key(1) })
    await executeSafeTransaction(t.connection, t.store, { infrastructure, safeTxHash, executorKey: key(0) })
    const before = await charged()
    const refused = await post({ model: t.model, messages })
    expect(refused.status).toBe(403)
    expect(refused.error.message).toBe(
      `Agent story-teller is not active: it was slashed and is jailed. Stake on agent ${t.agentId} to bring it back.`,
    )
    expect(await charged()).toEqual(before)
  }, 60_000)
})
