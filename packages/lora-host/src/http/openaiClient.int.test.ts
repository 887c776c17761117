import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plainChatTemplate } from '../api/chatTemplate.js'
import type { AdapterRef } from '../api/types.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'
import { ORACLE } from '../testing/sharedModels.js'
import { type LoraHostServer, startLoraHostServer } from './startLoraHostServer.js'

let env: TestHost
let server: LoraHostServer
let openai: OpenAI
beforeAll(async () => {
  env = await createTestHost({ adapters: 2 })
  server = await startLoraHostServer(env.host, { port: 0, defaultMetrics: false })
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 30_000 })
})
afterAll(async () => {
  await server?.close()
  await env?.close()
})

const prompt = 'Once upon a time'
const greedy = { prompt, max_tokens: 20, temperature: 0 }
const messages = [
  { role: 'system' as const, content: 'You tell short stories.' },
  { role: 'user' as const, content: 'Tell me about a cat.' },
]
const adapterOf = (response: object) => (response as { adapter: AdapterRef }).adapter
const promptTokens = (text: string) => env.host.model.tokenizer.encode(text, { bos: true }).length

describe('the HTTP API, driven by the official openai client', () => {
  it('completes a prompt on the base model with exact usage', async () => {
    const { data, response } = await openai.completions
      .create({ model: 'stories260K', ...greedy })
      .withResponse()
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/)
    expect(data).toMatchObject({ object: 'text_completion', model: 'stories260K' })
    const [choice] = data.choices
    expect(choice!.text.length).toBeGreaterThan(0)
    expect(ORACLE.startsWith(prompt + choice!.text)).toBe(true) // greedy stories260K is the oracle text
    expect(choice!.finish_reason).toBe('length')
    expect(data.usage!.prompt_tokens).toBe(promptTokens(prompt))
    expect(data.usage!.completion_tokens).toBeGreaterThan(0)
    expect(data.usage!.completion_tokens).toBeLessThanOrEqual(20)
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens)
    expect(adapterOf(data)).toBeNull()
  })

  it('names the adapter and its sha256 when a model name carries one', async () => {
    const data = await openai.completions.create({ model: 'stories260K:a0', ...greedy })
    const a0 = env.host.registry.get('a0')!
    expect(data.model).toBe('stories260K:a0')
    expect(adapterOf(data)).toEqual({ id: 'a0', sha256: a0.sha256 })
    expect(a0.sha256).toMatch(/^[0-9a-f]{64}$/)
    const base = await openai.completions.create({ model: 'stories260K', ...greedy })
    expect(data.choices[0]!.text).not.toBe(base.choices[0]!.text)
  })

  it('answers a chat with the plain template, stopping before a new user turn', async () => {
    const data = await openai.chat.completions.create({
      model: 'stories260K:a1',
      messages,
      max_tokens: 30,
      temperature: 0,
    })
    expect(data.object).toBe('chat.completion')
    const [choice] = data.choices
    expect(choice!.message.role).toBe('assistant')
    expect(typeof choice!.message.content).toBe('string')
    expect(choice!.message.content).not.toContain('\nUser:')
    expect(['stop', 'length']).toContain(choice!.finish_reason)
    expect(data.usage!.prompt_tokens).toBe(promptTokens(plainChatTemplate(messages).prompt))
    expect(adapterOf(data)).toEqual({ id: 'a1', sha256: env.host.registry.get('a1')!.sha256 })
  })

  it('streams a completion whose deltas add up to the greedy text, then the usage', async () => {
    const whole = await openai.completions.create({ model: 'stories260K:a0', ...greedy })
    const stream = await openai.completions.create({
      model: 'stories260K:a0',
      ...greedy,
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(3)
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe(whole.choices[0]!.text)
    const last = chunks.at(-2)!
    expect(last.choices[0]!.finish_reason).toBe('length')
    expect(chunks.slice(0, -2).every((chunk) => chunk.choices[0]!.finish_reason === null)).toBe(true)
    const usage = chunks.at(-1)!
    expect(usage.choices).toEqual([])
    expect(usage.usage).toEqual(whole.usage)
    const sha256 = env.host.registry.get('a0')!.sha256
    for (const chunk of [chunks[0]!, last, usage]) expect(adapterOf(chunk)).toEqual({ id: 'a0', sha256 })
  })

  it('streams a chat: the role first, deltas equal to the greedy answer, the finish reason last', async () => {
    const request = { model: 'stories260K', messages, max_completion_tokens: 25, temperature: 0 }
    const whole = await openai.chat.completions.create(request)
    const chunks = []
    for await (const chunk of await openai.chat.completions.create({ ...request, stream: true }))
      chunks.push(chunk)
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' })
    expect(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join('')).toBe(
      whole.choices[0]!.message.content,
    )
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe(whole.choices[0]!.finish_reason)
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true)
    expect(adapterOf(chunks[0]!)).toBeNull()
  })

  it('gives the same text for the same seed at temperature 1', async () => {
    const sample = (seed: number) =>
      openai.completions
        .create({ model: 'stories260K:a1', prompt, max_tokens: 24, temperature: 1, seed })
        .then((completion) => completion.choices[0]!.text)
    const [first, again, other] = [await sample(42), await sample(42), await sample(7)]
    expect(again).toBe(first)
    expect(other).not.toBe(first)
  })

  it('lists the base model and every adapter as models', async () => {
    const { data } = await openai.models.list()
    const ids = data.map((model) => model.id)
    expect(ids).toEqual(['stories260K', 'stories260K:a0', 'stories260K:a1'])
    expect(data[1]).toMatchObject({ object: 'model', owned_by: 'openledger', parent: 'stories260K' })
    for (const model of data) expect(model).toMatchObject({ root_sha256: env.host.model.sha256 })
    expect(adapterOf(data[1]!)).toEqual({ id: 'a0', sha256: env.host.registry.get('a0')!.sha256 })
    expect((await openai.models.retrieve('stories260K:a1')).id).toBe('stories260K:a1')
  })

  it('embeds with the base model, as the host does in process', async () => {
    const input = ['Lily saw a big red ball.', 'Tom ate an apple.']
    const response = await openai.embeddings.create({ model: 'stories260K', input, encoding_format: 'float' })
    expect(response.data).toHaveLength(2)
    expect(response.usage.prompt_tokens).toBe(
      input.reduce((n, text) => n + env.host.model.tokenizer.encode(text, { bos: true }).length, 0),
    )
    const direct = await env.host.embed(input)
    response.data.forEach((item, i) => {
      expect(item.embedding).toHaveLength(env.host.model.weights.config.dim)
      for (const [d, value] of item.embedding.entries()) expect(value).toBeCloseTo(direct[i]![d]!, 5)
    })
    const base64 = await openai.embeddings.create({ model: 'stories260K', input }) // the client's default encoding
    expect(base64.data[1]!.embedding).toEqual(response.data[1]!.embedding)
    await expect(openai.embeddings.create({ model: 'stories260K:a0', input: 'x' })).rejects.toMatchObject({
      status: 400,
      param: 'model',
    })
  })

  it("sends OpenAI's event stream: text/event-stream, data lines, [DONE]", async () => {
    const response = await fetch(`${server.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'stories260K', prompt, max_tokens: 5, stream: true }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = (await response.text()).split('\n\n')
    expect(events.at(-1)).toBe('')
    expect(events.at(-2)).toBe('data: [DONE]')
    for (const event of events.slice(0, -2))
      expect(JSON.parse(event.replace(/^data: /, ''))).toHaveProperty('id')
  })
})
