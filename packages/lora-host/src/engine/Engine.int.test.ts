import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'

let env: TestHost
let small: TestHost
beforeAll(async () => {
  env = await createTestHost({ adapters: 1 })
  small = await createTestHost({ options: { maxBatch: 1, maxQueue: 1 } })
})
afterAll(async () => {
  await env?.close()
  await small?.close()
})

const sampling = { temperature: 0, topP: 1, topK: 0 }
const encode = (text: string) => env.host.model.tokenizer.encode(text, { bos: true })
const run = (
  request: Partial<Parameters<TestHost['host']['generate']>[1]> & { maxTokens: number },
  model = 'stories260K',
) => env.host.generate(model, { ...sampling, prompt: encode('Once upon a time'), ...request }).generation

describe('Engine', () => {
  it('repeats a sampled output for the same seed, and differs for another', async () => {
    const request = { maxTokens: 30, temperature: 1, topP: 0.9, topK: 40 }
    const [a, b, c] = await Promise.all([
      run({ ...request, seed: 5 }).result,
      run({ ...request, seed: 5 }).result,
      run({ ...request, seed: 6 }).result,
    ])
    expect(a.tokens).toEqual(b.tokens)
    expect(a.tokens).not.toEqual(c.tokens)
  })

  it('streams exactly the result text, and stops before a stop string', async () => {
    const greedy = await run({ maxTokens: 40 }).result
    expect(greedy.finishReason).toBe('length')
    expect(greedy.tokens).toHaveLength(40)
    const stop = 'Lily'
    expect(greedy.text).toContain(stop)
    const generation = run({ maxTokens: 40, stop: ['zzz', stop] })
    let streamed = ''
    for await (const chunk of generation) streamed += chunk
    const stopped = await generation.result
    expect(stopped.finishReason).toBe('stop')
    expect(stopped.text).toBe(greedy.text.slice(0, greedy.text.indexOf(stop)))
    expect(streamed).toBe(stopped.text)
  })

  it('frees the row of a cancelled request at the next step', async () => {
    const controller = new AbortController()
    const generation = run({ maxTokens: 400, signal: controller.signal })
    for await (const _ of generation) {
      controller.abort()
      break
    }
    const result = await generation.result
    expect(result.finishReason).toBe('cancelled')
    expect(result.tokens.length).toBeLessThan(400)
    expect(env.host.stats().engine.running).toBe(0)
  })

  it('refuses a request beyond the context length, and one more than the queue holds', async () => {
    expect(() => run({ maxTokens: 600 })).toThrow(/exceeds the model's context of 512 tokens/)
    const { host } = small
    const prompt = encode('Hello')
    const first = host.generate('stories260K', { ...sampling, prompt, maxTokens: 50 }).generation
    await new Promise((r) => setImmediate(r)) // the first is admitted into the single row
    const second = host.generate('stories260K', { ...sampling, prompt, maxTokens: 5 }).generation
    expect(() => host.generate('stories260K', { ...sampling, prompt, maxTokens: 5 })).toThrow(
      expect.objectContaining({ name: 'QueueFullError' }),
    )
    expect((await first.result).tokens).toHaveLength(50)
    expect((await second.result).tokens).toHaveLength(5)
  })

  it('fails only the request whose adapter is unknown', async () => {
    expect(() => run({ maxTokens: 3 }, 'stories260K:missing')).toThrow(
      expect.objectContaining({ name: 'AdapterNotFoundError' }),
    )
    expect(() => run({ maxTokens: 3 }, 'llama:a0')).toThrow(
      expect.objectContaining({ name: 'ModelNotServedError' }),
    )
    expect((await run({ maxTokens: 3 }, 'stories260K:a0').result).tokens).toHaveLength(3)
  })
})
