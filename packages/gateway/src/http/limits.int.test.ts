import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startGateway } from '../startGateway.js'
import { startTestGateway, type TestGateway } from '../testing/startTestGateway.js'

const BURST = 3
let t: TestGateway
beforeAll(async () => {
  t = await startTestGateway({
    gateway: {
      limits: { addressRate: { burst: BURST, perSecond: 0.01 }, rate: { burst: 50, perSecond: 10 } },
    },
  })
}, 120_000)
afterAll(async () => {
  await t?.close()
}, 60_000)

/**
 * A request as a client at `address` sends it through a proxy on loopback (the gateway trusts loopback's
 * `X-Forwarded-For`): each test floods from an address of its own.
 */
async function from(
  address: string,
  path: string,
  init: { method?: string; key?: string; url?: string } = {},
) {
  const response = await fetch(`${init.url ?? t.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-forwarded-for': address,
      'content-type': 'application/json',
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
    },
    ...(init.method === 'POST' ? { body: '{}' } : {}),
  })
  const text = await response.text()
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text }
}

/** Sends `count` requests one after another; their statuses, and how long they took. */
async function flood(count: number, send: () => Promise<{ status: number; retryAfter: string | null }>) {
  const started = Date.now()
  const answers = []
  for (let i = 0; i < count; i++) answers.push(await send())
  return { answers, ms: Date.now() - started }
}

describe('one rate limit before everything: per valid key, else per client address', () => {
  test.each([
    [
      'a public receipt read',
      '/v1/receipts/0x0000000000000000000000000000000000000000000000000000000000000001',
    ],
    ['an agent read', '/v1/agents/story-teller'],
    ['an epoch read', '/v1/epochs/1'],
    ['an unknown route', '/v1/nowhere'],
  ])('unauthenticated floods of %s are 429 with Retry-After after the burst, fast', async (_what, path) => {
    const address = `203.0.113.${10 + path.length}`
    const { answers, ms } = await flood(BURST + 20, () => from(address, path))
    expect(answers.slice(0, BURST).every((a) => a.status !== 429)).toBe(true)
    expect(answers.slice(BURST).every((a) => a.status === 429)).toBe(true)
    expect(Number(answers.at(-1)!.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(ms).toBeLessThan(5_000)
  })

  test('a flood with a bad key (or none) is limited by address: 401 for the burst, then 429 with its message', async () => {
    const address = '198.51.100.7'
    const { answers } = await flood(BURST + 5, () =>
      from(address, '/v1/chat/completions', { method: 'POST', key: 'sk-not-a-key' }),
    )
    expect(answers.slice(0, BURST).map((a) => a.status)).toEqual(Array(BURST).fill(401))
    expect(answers.slice(BURST).every((a) => a.status === 429 && Number(a.retryAfter) >= 1)).toBe(true)
    const noKey = await from(address, '/v1/chat/completions', { method: 'POST' })
    expect(noKey.status).toBe(429)
    expect(JSON.parse(noKey.text).error).toMatchObject({
      code: 'rate_limit_exceeded',
      message: expect.stringContaining(
        'Rate limit reached for this address (requests without a valid API key)',
      ),
    })
  })

  test('a valid key from a flooded address takes from its own bucket, not the address one', async () => {
    const address = '198.51.100.8'
    await flood(BURST + 1, () => from(address, '/v1/models'))
    expect((await from(address, '/v1/models')).status).toBe(429)
    expect((await from(address, '/v1/models', { key: t.apiKey })).status).toBe(200)
  })

  test('a revoked key is limited by address too', async () => {
    const address = '198.51.100.9'
    const { answers } = await flood(BURST + 2, () =>
      from(address, '/v1/models', { key: 'sk-revoked-or-unknown' }),
    )
    expect(answers.at(-1)!.status).toBe(429)
  })
})

describe('/metrics: loopback only, or a port of its own', () => {
  test('a loopback client reads it; a client forwarded from off the machine gets the unknown route 404', async () => {
    const local = await fetch(`${t.url}/metrics`)
    expect(local.status).toBe(200)
    expect(await local.text()).toContain('openledger_gateway_requests_total')
    const remote = await from('203.0.113.99', '/metrics')
    expect(remote.status).toBe(404)
    expect(JSON.parse(remote.text).error.code).toBe('not_found')
  })

  test("metricsAccess 'off' with a metricsPort: the app has no /metrics, the metrics port has", async () => {
    const g = await startGateway({
      agents: [t.served],
      connection: t.connection,
      manifest: t.manifest,
      store: t.store,
      usage: t.worker.usage,
      client: t.openai,
      baseModel: 'stories260K',
      tokenizer: t.testHost.host.model.tokenizer,
      metricsAccess: 'off',
      metricsPort: 0,
    })
    try {
      expect((await fetch(`${g.url}/metrics`)).status).toBe(404)
      expect(g.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(g.metricsUrl).not.toBe(g.url)
      const metrics = await fetch(`${g.metricsUrl}/metrics`)
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('openledger_gateway_requests_total')
    } finally {
      await g.close()
    }
  })
})
