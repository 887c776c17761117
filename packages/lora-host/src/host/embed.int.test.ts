import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'

let env: TestHost
beforeAll(async () => {
  env = await createTestHost({ options: { maxBatch: 4 } })
})
afterAll(() => env?.close())

const texts = [
  'Lily saw a big red ball in the park.',
  'Tom liked to eat apples.',
  'The sun was hot and the sky was blue and the birds sang all day long.',
  'A cat.',
  'Once upon a time there was a dog named Max who loved to run.',
  'She was happy.',
]

describe('LoraHost.embed', () => {
  it('gives each text the same vector alone as in a padded batch, more texts than free rows included', async () => {
    const { host } = env
    const together = await host.embed(texts)
    expect(together).toHaveLength(texts.length)
    for (const [i, text] of texts.entries()) {
      const [alone] = await host.embed([text])
      expect(alone!.length).toBe(host.model.weights.config.dim)
      for (let d = 0; d < alone!.length; d++) expect(together[i]![d]).toBeCloseTo(alone![d]!, 5)
    }
    expect(together[0]).not.toEqual(together[1])
  })

  it('runs between decode steps without changing the generations around it', async () => {
    const { host } = env
    const prompt = host.model.tokenizer.encode('Once upon a time', { bos: true })
    const request = { prompt, maxTokens: 30, temperature: 0, topP: 1, topK: 0 }
    const alone = await host.generate('stories260K', request).generation.result
    const running = host.generate('stories260K', request).generation
    const [vectors, result] = await Promise.all([host.embed(texts), running.result])
    expect(result.tokens).toEqual(alone.tokens)
    expect(vectors).toHaveLength(texts.length)
    await expect(host.engine.embed([[]])).rejects.toThrow('Cannot embed an empty token sequence.')
  })
})
