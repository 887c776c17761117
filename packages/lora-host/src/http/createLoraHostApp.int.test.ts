import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adapterSha256 } from '../adapters/adapterSha256.js'
import { generatePeftAdapter, tinyLlamaConfig } from '../adapters/testing.js'
import type { AdapterObject, List } from '../api/types.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'
import { requestJson } from '../testing/requestJson.js'
import { type LoraHostServer, startLoraHostServer } from './startLoraHostServer.js'

let env: TestHost
let server: LoraHostServer
beforeAll(async () => {
  env = await createTestHost({ adapters: 1, options: { residentAdapters: 2 } })
  server = await startLoraHostServer(env.host)
})
afterAll(async () => {
  await server?.close()
  await env?.close()
})

const files = generatePeftAdapter({ config: tinyLlamaConfig, rank: 4, seed: 21 })
const upload = {
  name: 'uploaded',
  config: new TextDecoder().decode(files.config),
  weights_base64: Buffer.from(files.weights).toString('base64'),
}
const api = <T>(path: string, init?: { method?: string; body?: unknown }) =>
  requestJson<T>(`${server.url}${path}`, init)

describe('/v1/adapters', () => {
  it('registers an upload, serves it, pins, unpins and deletes it', async () => {
    const registered = await api<AdapterObject>('/v1/adapters', { body: upload })
    expect(registered).toMatchObject({ status: 200 })
    expect(registered.body).toEqual({
      id: 'uploaded',
      object: 'adapter',
      model: 'stories260K:uploaded',
      sha256: adapterSha256(files),
      rank: 4,
      target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
      bytes: files.config.byteLength + files.weights.byteLength,
      resident: false,
      pinned: false,
    })
    expect((await api('/v1/adapters', { body: upload })).status).toBe(200) // same name, same content
    const otherContent = { ...upload, config: upload.config.replace('"r": 4', '"r": 4 ') }
    expect(await api('/v1/adapters', { body: otherContent })).toMatchObject({
      status: 409,
      body: { error: { type: 'conflict_error', code: 'adapter_exists', param: 'name' } },
    })

    const served = await api<{ adapter: unknown }>('/v1/completions', {
      body: { model: 'stories260K:uploaded', prompt: 'Once', max_tokens: 4 },
    })
    expect(served.body.adapter).toEqual({ id: 'uploaded', sha256: registered.body.sha256 })

    const pinned = await api<AdapterObject>('/v1/adapters/uploaded/pin', { method: 'POST' })
    expect(pinned.body).toMatchObject({ id: 'uploaded', resident: true, pinned: true })
    const listed = await api<List<AdapterObject>>('/v1/adapters')
    expect(listed.body.data.map(({ id, pinned }) => ({ id, pinned }))).toEqual([
      { id: 'a0', pinned: false },
      { id: 'uploaded', pinned: true },
    ])
    const unpinned = await api<AdapterObject>('/v1/adapters/uploaded/unpin', { method: 'POST' })
    expect(unpinned.body).toMatchObject({ resident: true, pinned: false })

    expect(await api('/v1/adapters/uploaded', { method: 'DELETE' })).toMatchObject({
      status: 200,
      body: { id: 'uploaded', object: 'adapter', deleted: true },
    })
    for (const [method, path] of [
      ['DELETE', '/v1/adapters/uploaded'],
      ['POST', '/v1/adapters/uploaded/pin'],
    ] as const) {
      expect(await api(path, { method })).toMatchObject({
        status: 404,
        body: { error: { type: 'not_found_error', code: 'model_not_found' } },
      })
    }
  })

  it('refuses to pin more adapters than there are slots', async () => {
    for (const [i, name] of ['p1', 'p2', 'p3'].entries()) {
      const adapter = generatePeftAdapter({ config: tinyLlamaConfig, rank: 4, seed: 40 + i })
      const body = {
        name,
        config: new TextDecoder().decode(adapter.config),
        weights_base64: Buffer.from(adapter.weights).toString('base64'),
      }
      expect((await api('/v1/adapters', { body })).status).toBe(200)
    }
    expect((await api('/v1/adapters/p1/pin', { method: 'POST' })).status).toBe(200)
    expect((await api('/v1/adapters/p2/pin', { method: 'POST' })).status).toBe(200)
    expect(await api('/v1/adapters/p3/pin', { method: 'POST' })).toMatchObject({
      status: 409,
      body: { error: { code: 'adapter_pin_limit' } },
    })
    // every slot pinned: a request for another adapter is refused at once, not left waiting for a slot
    const a0 = { body: { model: 'stories260K:a0', prompt: 'Once', max_tokens: 3 } }
    expect(await api('/v1/completions', a0)).toMatchObject({
      status: 409,
      body: { error: { code: 'adapter_slots_pinned' } },
    })
    expect((await api('/v1/adapters/p2/unpin', { method: 'POST' })).status).toBe(200)
    expect((await api('/v1/completions', a0)).status).toBe(200)
  })
})

describe('/healthz and /metrics', () => {
  it('says the host is up, with its model and adapters', async () => {
    const { status, body } = await api('/healthz')
    expect(status).toBe(200)
    expect(body).toEqual({
      status: 'ok',
      model: 'stories260K',
      adapters: env.host.registry.size,
      running: 0,
      queued: 0,
    })
  })

  it("exposes the host's counters and the HTTP requests in Prometheus' text format", async () => {
    await api('/v1/completions', { body: { model: 'stories260K:a0', prompt: 'Once', max_tokens: 3 } })
    await api('/v1/completions', { body: { model: 'nope', prompt: 'Once' } })
    const response = await fetch(`${server.url}/metrics`)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    const value = (metric: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${metric} `))
      return line === undefined ? undefined : Number(line.slice(metric.length + 1))
    }
    const stats = env.host.stats()
    expect(value('lora_host_running_rows')).toBe(0)
    expect(value('lora_host_queued_requests')).toBe(0)
    expect(value('lora_host_generated_tokens_total')).toBe(stats.engine.generatedTokens)
    expect(value('lora_host_prompt_tokens_total')).toBe(stats.engine.promptTokens)
    expect(value('lora_host_requests_completed_total')).toBe(stats.engine.completed)
    expect(value('lora_host_adapter_loads_total')).toBe(stats.adapters.loads)
    expect(value('lora_host_adapter_cache_hits_total')).toBe(stats.adapters.hits)
    expect(value('lora_host_adapters_registered')).toBe(stats.registered)
    expect(value('lora_host_adapters_pinned')).toBe(1)
    expect(value('lora_host_adapter_load_seconds{quantile="0.5"}')).toBeGreaterThan(0)
    expect(text).toContain(
      'lora_host_http_requests_total{method="POST",route="/v1/completions",status="200"}',
    )
    expect(text).toContain(
      'lora_host_http_requests_total{method="POST",route="/v1/completions",status="404"} 1',
    )
    expect(text).toContain('process_cpu_seconds_total')
  })
})
