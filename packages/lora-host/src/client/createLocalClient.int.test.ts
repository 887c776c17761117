import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { HttpError } from '@openledger/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adapterSha256 } from '../adapters/adapterSha256.js'
import { generatePeftAdapter, tinyLlamaConfig } from '../adapters/testing.js'
import type { ChatCompletionChunk, Completion } from '../api/types.js'
import { type LoraHostServer, startLoraHostServer } from '../http/startLoraHostServer.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'
import { requestJson } from '../testing/requestJson.js'
import { stories260KDir } from '../testing/sharedModels.js'
import { createLocalClient, type LocalClient } from './createLocalClient.js'

let env: TestHost
let server: LoraHostServer
let client: LocalClient
beforeAll(async () => {
  env = await createTestHost({ adapters: 1 })
  server = await startLoraHostServer(env.host, { defaultMetrics: false })
  client = createLocalClient(env.host)
})
afterAll(async () => {
  await server?.close()
  await env?.close()
})

const request = { model: 'stories260K:a0', prompt: 'Once upon a time', max_tokens: 20, temperature: 0 }
/** What does not depend on when or which request it was. */
const stable = ({ id, created, ...rest }: { id: string; created: number }) => rest

describe('createLocalClient', () => {
  it('gives the same completion as the HTTP API', async () => {
    const local = await client.completions.create(request)
    const http = await requestJson<Completion>(`${server.url}/v1/completions`, { body: request })
    expect(local.id).toMatch(/^cmpl-/)
    expect(stable(local)).toEqual(stable(http.body))
    expect(local.adapter).toEqual({ id: 'a0', sha256: env.host.registry.get('a0')!.sha256 })
  })

  it('streams chat chunks in the shapes the HTTP API sends', async () => {
    const body = {
      model: 'stories260K',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      max_tokens: 12,
    }
    const whole = await client.chat.completions.create({ ...body, temperature: 0 })
    const chunks: ChatCompletionChunk[] = []
    const stream = await client.chat.completions.create({
      ...body,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    })
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant')
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      whole.choices[0]!.message.content,
    )
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage, adapter: null })
  })

  it('cancels the generation when a stream is left early', async () => {
    const before = env.host.stats().engine.cancelled
    const stream = await client.completions.create({ ...request, max_tokens: 400, stream: true })
    for await (const chunk of stream) {
      expect(chunk.choices[0]!.text.length).toBeGreaterThan(0)
      break
    }
    const deadline = Date.now() + 5_000
    while (env.host.stats().engine.running > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10))
    expect(env.host.stats().engine).toMatchObject({ running: 0, cancelled: before + 1 })
  })

  it('throws HttpErrors with the bodies the HTTP API sends', async () => {
    const cases = [
      { ...request, model: 'stories260K:nope' },
      { ...request, max_tokens: 0 },
      { ...request, temperature: -1 },
    ]
    for (const body of cases) {
      const error = await client.completions.create(body).catch((e: unknown) => e)
      const http = await requestJson(`${server.url}/v1/completions`, { body })
      expect(error).toBeInstanceOf(HttpError)
      expect({ status: (error as HttpError).status, body: (error as HttpError).body }).toEqual({
        status: http.status,
        body: http.body,
      })
    }
  })

  it('lists models and administers adapters', async () => {
    const { data } = await client.models.list()
    expect(data.map((model) => model.id)).toEqual(['stories260K', 'stories260K:a0'])
    const weights = createHash('sha256').update(readFileSync(join(stories260KDir, 'stories260K.bin')))
    const sha256 = weights.digest('hex')
    for (const model of data) expect(model.root_sha256).toBe(sha256)
    const files = generatePeftAdapter({ config: tinyLlamaConfig, rank: 4, seed: 3 })
    const registered = await client.adapters.register({
      name: 'local',
      config: new TextDecoder().decode(files.config),
      weights_base64: Buffer.from(files.weights).toString('base64'),
    })
    expect(registered).toMatchObject({ id: 'local', sha256: adapterSha256(files), pinned: false })
    expect(await client.adapters.pin('local')).toMatchObject({ pinned: true, resident: true })
    expect((await client.adapters.list()).data.map((adapter) => adapter.id)).toEqual(['a0', 'local'])
    expect(await client.adapters.unpin('local')).toMatchObject({ pinned: false })
    expect(await client.adapters.remove('local')).toEqual({ id: 'local', object: 'adapter', deleted: true })
    await expect(client.adapters.remove('local')).rejects.toMatchObject({
      status: 404,
      body: { error: { code: 'model_not_found' } },
    })
  })
})
