import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HttpErrorBody } from '@openledger/http'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePeftAdapter, tinyLlamaConfig } from '../adapters/testing.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'
import { requestJson } from '../testing/requestJson.js'
import { type LoraHostServer, startLoraHostServer } from './startLoraHostServer.js'

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
const chat = { model: 'stories260K', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 8 }
const post = (path: string, body: unknown) => requestJson<HttpErrorBody>(`${server.url}${path}`, { body })
const invalid = (param: string | null, code = 'invalid_value') => ({
  error: { message: expect.any(String), type: 'invalid_request_error', param, code },
})

/** Inference still works, for the base model and an adapter. */
async function expectInferenceWorks() {
  for (const model of ['stories260K', 'stories260K:a0']) {
    const { status, body } = await post('/v1/completions', { ...completion, model })
    expect({ model, status }).toEqual({ model, status: 200 })
    expect((body as unknown as { choices: { text: string }[] }).choices[0]!.text.length).toBeGreaterThan(0)
  }
}

function base64Upload(name: string, files: { config: Uint8Array; weights: Uint8Array }) {
  return {
    name,
    config: new TextDecoder().decode(files.config),
    weights_base64: Buffer.from(files.weights).toString('base64'),
  }
}

describe('bad requests', () => {
  it('is a 404 model_not_found for an unknown model or adapter', async () => {
    expect(await post('/v1/completions', { ...completion, model: 'gpt-4o' })).toMatchObject({
      status: 404,
      body: {
        error: {
          message:
            "The model 'gpt-4o' does not exist here; this host serves 'stories260K' and 'stories260K:<adapter>'.",
          type: 'not_found_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
    })
    expect(await post('/v1/chat/completions', { ...chat, model: 'stories260K:nope' })).toMatchObject({
      status: 404,
      body: {
        error: {
          message: 'Adapter nope is not registered.',
          type: 'not_found_error',
          code: 'model_not_found',
        },
      },
    })
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 })
    await expect(
      openai.completions.create({ ...completion, model: 'stories260K:nope' }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    })
  })

  it('is a 400 naming the field for each invalid value', async () => {
    const cases: [string, object, string][] = [
      ['/v1/completions', { max_tokens: 0 }, 'max_tokens'],
      ['/v1/completions', { max_tokens: 513 }, 'max_tokens'],
      ['/v1/completions', { max_tokens: 2.5 }, 'max_tokens'],
      ['/v1/completions', { temperature: -1 }, 'temperature'],
      ['/v1/completions', { temperature: 2.1 }, 'temperature'],
      ['/v1/completions', { top_p: 0 }, 'top_p'],
      ['/v1/completions', { top_k: -1 }, 'top_k'],
      ['/v1/completions', { stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
      ['/v1/completions', { n: 2 }, 'n'],
      ['/v1/completions', { echo: true }, 'echo'],
      ['/v1/completions', { logprobs: 1 }, 'logprobs'],
      ['/v1/completions', { prompt: ['a', 'b'] }, 'prompt'],
      ['/v1/completions', { prompt: undefined }, 'prompt'],
      ['/v1/completions', { model: 7 }, 'model'],
      ['/v1/chat/completions', { messages: [] }, 'messages'],
      ['/v1/chat/completions', { messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role'],
      ['/v1/chat/completions', { max_completion_tokens: 0 }, 'max_completion_tokens'],
      ['/v1/chat/completions', { temperature: -1 }, 'temperature'],
    ]
    for (const [path, change, param] of cases) {
      const body = { ...(path === '/v1/completions' ? completion : chat), ...change }
      const response = await post(path, body)
      expect({ change, status: response.status, body: response.body }).toEqual({
        change,
        status: 400,
        body: invalid(param),
      })
    }
    expect((await post('/v1/completions', { ...completion, max_tokens: 0 })).body.error.message).toBe(
      "Invalid 'max_tokens': must be an integer from 1 to 512 (the model's context length).",
    )
    expect((await post('/v1/completions', { ...completion, temperature: -1 })).body.error.message).toBe(
      "Invalid 'temperature': must be a number from 0 to 2.",
    )
  })

  it('is a 400 for malformed JSON, a non-object body, or a prompt beyond the context', async () => {
    const malformed = await post('/v1/completions', '{"model": "stories260K", ')
    expect(malformed).toMatchObject({ status: 400, body: invalid(null, 'invalid_json') })
    expect(malformed.body.error.message).toMatch(/^The request body is not valid JSON: /)
    expect(await post('/v1/chat/completions', '[1, 2]')).toMatchObject({
      status: 400,
      body: invalid(null, 'invalid_body'),
    })
    const long = await post('/v1/completions', { ...completion, max_tokens: 512 })
    expect(long).toMatchObject({ status: 400, body: invalid(null, 'context_length_exceeded') })
  })

  it('is a 404 in OpenAI words for an unknown URL', async () => {
    expect(await post('/v1/rerank', { input: 'x' })).toMatchObject({
      status: 404,
      body: { error: { message: 'Unknown request URL: POST /v1/rerank.', code: 'unknown_url' } },
    })
  })

  it('turns an unexpected error into a 500 that names the request id and leaks nothing', async () => {
    const generate = env.host.generate
    env.host.generate = () => {
      throw new Error('secret: /var/lib/internal state')
    }
    try {
      const response = await post('/v1/completions', completion)
      const requestId = response.headers.get('x-request-id')!
      expect(response).toMatchObject({ status: 500, body: { error: { type: 'server_error', code: null } } })
      expect(response.body.error.message).toContain(requestId)
      expect(JSON.stringify(response.body)).not.toContain('secret')
      expect(reported.at(-1)).toMatchObject({
        requestId,
        error: { message: 'secret: /var/lib/internal state' },
      })
    } finally {
      env.host.generate = generate
    }
  })
})

describe('adapters that must not be served', () => {
  const config = tinyLlamaConfig

  it('refuses a corrupt or mismatched adapter at registration, and inference goes on', async () => {
    const good = generatePeftAdapter({ config, rank: 4, seed: 9 })
    const garbage = { config: good.config, weights: new Uint8Array(4096).fill(0x5a) }
    const otherBase = generatePeftAdapter({ config, rank: 4, seed: 9, baseModel: 'meta-llama/Llama-2-7b-hf' })
    const otherShapes = generatePeftAdapter({ config: { ...config, dim: 128, hiddenDim: 344 }, rank: 4 })
    const tooDeep = generatePeftAdapter({ config: { ...config, nLayers: 6 }, rank: 4 })
    for (const [name, files] of Object.entries({ garbage, otherBase, otherShapes, tooDeep })) {
      const response = await post('/v1/adapters', base64Upload(name, files))
      expect({ name, status: response.status, body: response.body }).toEqual({
        name,
        status: 400,
        body: invalid(null, 'invalid_adapter'),
      })
    }
    expect((await post('/v1/adapters', base64Upload('x', otherBase))).body.error.message).toContain(
      'Llama-2-7b-hf',
    )
    const listed = await requestJson<{ data: { id: string }[] }>(`${server.url}/v1/adapters`)
    expect(listed.body.data.map((adapter) => adapter.id)).toEqual(['a0'])
    expect((await post('/v1/completions', { ...completion, model: 'stories260K:garbage' })).status).toBe(404)
    await expectInferenceWorks()
  })

  it('refuses a mismatched adapter folder, and a relative path', async () => {
    const dir = join(env.directory, 'other-base')
    mkdirSync(dir)
    const files = generatePeftAdapter({ config, rank: 4, baseModel: 'TinyLlama-1.1B' })
    writeFileSync(join(dir, 'adapter_config.json'), files.config)
    writeFileSync(join(dir, 'adapter_model.safetensors'), files.weights)
    expect(await post('/v1/adapters', { name: 'other', path: dir })).toMatchObject({
      status: 400,
      body: invalid(null, 'invalid_adapter'),
    })
    expect(await post('/v1/adapters', { name: 'other', path: 'other-base' })).toMatchObject({
      status: 400,
      body: invalid('path'),
    })
    expect(await post('/v1/adapters', { name: 'other' })).toMatchObject({
      status: 400,
      body: invalid('path'),
    })
  })

  it('fails only the requests of an adapter whose stored files were damaged', async () => {
    const files = generatePeftAdapter({ config, rank: 4, seed: 11 })
    const registered = await post('/v1/adapters', base64Upload('fragile', files))
    expect(registered.status).toBe(200)
    const { sha256 } = registered.body as unknown as { sha256: string }
    writeFileSync(join(env.directory, 'adapters', 'blobs', sha256, 'adapter_model.safetensors'), 'damaged')
    for (const stream of [false, true]) {
      const response = await post('/v1/completions', { ...completion, model: 'stories260K:fragile', stream })
      expect({ stream, status: response.status, body: response.body }).toEqual({
        stream,
        status: 400,
        body: invalid(null, 'invalid_adapter'),
      })
    }
    await expectInferenceWorks()
  })
})
