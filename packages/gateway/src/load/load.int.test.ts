import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../testing/index.js'
import { type StreamChatReturnType, streamChat } from './streamChat.js'

const CHATS = 200
/** The whole run stops itself by then: every request is aborted, and the test fails saying how many were left. */
const DEADLINE_MS = 240_000

// 200 streaming chats at once on loopback through the real stack; each must finish with [DONE] and an
// attribution, and the payer must end up debited exactly 200 fees once the settlement worker has metered them.
describe('gateway under load', () => {
  let t: TestGateway

  beforeAll(async () => {
    t = await startTestGateway({
      deposit: '100',
      gateway: { limits: { maxTokens: 8, rate: { burst: CHATS, perSecond: CHATS } } },
    })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  it(`answers ${CHATS} concurrent streaming chats and debits exactly ${CHATS} fees`, async () => {
    const fee = t.served.agent.feeWei
    const before = await t.spendable()
    expect(before.spendable).toBeGreaterThanOrEqual(BigInt(CHATS) * fee)

    const deadline = AbortSignal.timeout(DEADLINE_MS)
    const started = performance.now()
    const settled = await Promise.allSettled(
      Array.from({ length: CHATS }, (_, i) =>
        streamChat({
          url: t.url,
          apiKey: t.apiKey,
          model: t.model,
          messages: [{ role: 'user', content: `Tell me story ${i} about the little bird in the tree.` }],
          maxTokens: 8,
          signal: deadline,
        }),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [`#${i}: ${String(s.reason)}`] : []))
    expect(failed, `requests that threw (deadline ${DEADLINE_MS} ms)`).toEqual([])
    const answers = settled.map((s) => (s as PromiseFulfilledResult<StreamChatReturnType>).value)
    const wrong = answers.flatMap((a, i) =>
      a.status !== 200 || a.error || !a.done || !a.attribution
        ? [`#${i}: ${a.status} ${a.error?.message ?? (a.done ? 'no attribution' : 'no [DONE]')}`]
        : [],
    )
    expect(wrong).toEqual([])
    const receiptIds = answers.map((a) => a.attribution!.receiptId)
    expect(new Set(receiptIds).size).toBe(CHATS)
    for (const a of answers) expect(a.attribution!.fee).toBe(fee.toString())

    // The worker meters them asynchronously: wait for all 200, bounded by what is left of the deadline.
    const meteredBy = Math.max(10_000, DEADLINE_MS - (performance.now() - started))
    await Promise.all(receiptIds.map((id) => t.metered(id, meteredBy)))
    const after = await t.spendable()
    expect(after.unsettled - before.unsettled).toBe(BigInt(CHATS) * fee)
    expect(before.spendable - after.spendable).toBe(BigInt(CHATS) * fee)
    const total = answers.map((a) => a.totalMs).sort((a, b) => a - b)
    console.log(
      `${CHATS} concurrent streaming chats in ${seconds.toFixed(1)} s; latency p50 ${total[CHATS / 2]!.toFixed(0)} ms, max ${total.at(-1)!.toFixed(0)} ms; debited ${after.unsettled - before.unsettled} wei`,
    )
  }, 300_000)
})
