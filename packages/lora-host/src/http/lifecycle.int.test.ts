import { request } from 'node:http'
import type { HttpErrorBody } from '@openledger/http'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Generation } from '../engine/Generation.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'
import { requestJson } from '../testing/requestJson.js'
import { type LoraHostServer, startLoraHostServer } from './startLoraHostServer.js'

// What happens to requests past validation: a full queue, a client gone mid-stream, an error mid-stream.

let env: TestHost
let server: LoraHostServer
const reported: { error: unknown; requestId: string }[] = []
beforeAll(async () => {
  env = await createTestHost({ adapters: 1 })
  server = await startLoraHostServer(env.host, {
    defaultMetrics: false,
    onError: (error, requestId) => reported.push({ error, requestId }),
  })
})
afterAll(async () => {
  await server?.close()
  await env?.close()
})

const completion = { model: 'stories260K', prompt: 'Once upon a time', max_tokens: 8, temperature: 0 }
const post = (path: string, body: unknown) => requestJson<HttpErrorBody>(`${server.url}${path}`, { body })
/** Inference still works, for the base model and an adapter. */
async function expectInferenceWorks() {
  for (const model of ['stories260K', 'stories260K:a0']) {
    const { status, body } = await post('/v1/completions', { ...completion, model })
    expect({ model, status }).toEqual({ model, status: 200 })
    expect((body as unknown as { choices: { text: string }[] }).choices[0]!.text.length).toBeGreaterThan(0)
  }
}

describe('an error mid-stream', () => {
  it('ends the stream with one OpenAI error event, its details kept to onError', async () => {
    const generate = env.host.generate
    env.host.generate = (model) => {
      const generation = new Generation()
      generation.push('Once')
      setTimeout(() => generation.fail(new Error('secret: the runner blew up')), 20)
      return { generation, resolved: { name: model, adapter: undefined } }
    }
    try {
      const response = await fetch(`${server.url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...completion, stream: true }),
      })
      const requestId = response.headers.get('x-request-id')!
      const events = (await response.text()).split('\n\n').filter(Boolean)
      expect(events).toHaveLength(2)
      expect(JSON.parse(events[0]!.slice(6)).choices[0].text).toBe('Once')
      const error = JSON.parse(events[1]!.slice(6)) as HttpErrorBody
      expect(error.error).toMatchObject({ type: 'server_error', code: null })
      expect(error.error.message).toContain(requestId)
      expect(events[1]).not.toContain('secret')
      expect(reported.at(-1)).toMatchObject({ requestId, error: { message: 'secret: the runner blew up' } })
      const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 })
      const stream = await openai.completions.create({ ...completion, stream: true })
      await expect(async () => {
        for await (const _ of stream);
      }).rejects.toThrow(/quote request id req_/)
    } finally {
      env.host.generate = generate
    }
  })
})

describe('a full queue', () => {
  it('is a 429 rate_limit_error while the batch and the queue are full', async () => {
    const small = await createTestHost({ options: { maxBatch: 1, maxQueue: 1 } })
    const smallServer = await startLoraHostServer(small.host, { defaultMetrics: false })
    try {
      const long = { ...completion, max_tokens: 400 }
      const responses = await Promise.all(
        [1, 2, 3, 4].map(() =>
          requestJson<HttpErrorBody>(`${smallServer.url}/v1/completions`, { body: long }),
        ),
      )
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429, 429])
      expect(responses.find((response) => response.status === 429)!.body).toEqual({
        error: {
          message: "The host's queue is full (1 requests waiting); retry later.",
          type: 'rate_limit_error',
          param: null,
          code: 'queue_full',
        },
      })
    } finally {
      await smallServer.close()
      await small.close()
    }
  })
})

describe('a client that goes away mid-stream', () => {
  it('frees its row: the engine cancels the generation', async () => {
    const before = env.host.stats().engine.cancelled
    const body = JSON.stringify({ ...completion, max_tokens: 480, stream: true })
    await new Promise<void>((resolve, reject) => {
      const req = request(`${server.url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
      req.on('response', (res) => {
        res.once('data', (chunk: Buffer) => {
          expect(chunk.toString()).toMatch(/^data: \{/)
          expect(env.host.stats().engine.running).toBe(1)
          req.destroy()
          resolve()
        })
      })
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)))
      req.end(body)
    })
    await waitFor(() => env.host.stats().engine.running === 0, 5_000)
    const stats = env.host.stats().engine
    expect(stats.cancelled).toBe(before + 1)
    expect(stats.queued).toBe(0)
    await expectInferenceWorks()
  })
})

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
