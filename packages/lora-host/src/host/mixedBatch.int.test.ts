import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'

let env: TestHost
beforeAll(async () => {
  env = await createTestHost({ adapters: 8 })
})
afterAll(() => env?.close())

const greedy = { temperature: 0, topP: 1, topK: 0, maxTokens: 24 }

describe('mixed-adapter batches', () => {
  it('serves 8 adapters in one batch with, row by row, the tokens each gets alone', async () => {
    const { host } = env
    const prompt = host.model.tokenizer.encode('Once upon a time', { bos: true })
    const models = ['stories260K', ...Array.from({ length: 8 }, (_, i) => `stories260K:a${i}`)]
    const alone: number[][] = []
    for (const model of models)
      alone.push((await host.generate(model, { ...greedy, prompt }).generation.result).tokens)
    const stepsBefore = host.stats().engine.steps
    const together = await Promise.all(
      models.map((model) => host.generate(model, { ...greedy, prompt }).generation.result),
    )
    expect(together.map((r) => r.tokens)).toEqual(alone)
    // all nine rows decoded together: one session.run per step, not one per row
    expect(host.stats().engine.steps - stepsBefore).toBe(greedy.maxTokens - 1)
    // the adapters really differ from the base model and from each other
    expect(new Set(alone.map((t) => t.join(','))).size).toBeGreaterThan(4)
  })

  it('lets requests join and leave the running batch between decode steps', async () => {
    const { host } = env
    const prompt = host.model.tokenizer.encode('The little dog', { bos: true })
    const long = host.generate('stories260K:a1', { ...greedy, prompt, maxTokens: 40 }).generation
    await new Promise((r) => setTimeout(r, 5))
    const short = host.generate('stories260K:a2', { ...greedy, prompt, maxTokens: 5 }).generation
    const [a, b] = await Promise.all([long.result, short.result])
    expect(a.tokens).toHaveLength(40)
    expect(b.tokens).toHaveLength(5)
    const aloneLong = await host.generate('stories260K:a1', { ...greedy, prompt, maxTokens: 40 }).generation
      .result
    expect(a.tokens).toEqual(aloneLong.tokens)
  })
})
