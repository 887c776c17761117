import { createLocalClient } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { specialistModelTool } from './specialistModelTool.js'

let lora: TestHost
beforeAll(async () => {
  lora = await createTestHost({ adapters: 2 })
})
afterAll(async () => {
  await lora?.close()
})

describe('specialist_model on the real host with stories260K', () => {
  test("answers with the adapter's greedy completion, the same as asking the host directly", async () => {
    const client = createLocalClient(lora.host)
    const specialist = specialistModelTool({ client, baseModel: 'stories260K', adapters: ['a0'] })
    const output = JSON.parse(
      await specialist.invoke({ adapter: 'a0', prompt: 'Once upon a time', maxTokens: 12 }),
    )
    const direct = (await client.chat.completions.create({
      model: 'stories260K:a0',
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 12,
      temperature: 0,
    })) as { choices: { message: { content: string } }[]; adapter: { sha256: string } }
    expect(output).toEqual({
      adapter: 'a0',
      model: 'stories260K:a0',
      text: direct.choices[0]!.message.content,
      finishReason: expect.any(String),
      sha256: direct.adapter.sha256,
    })
    expect(output.text.length).toBeGreaterThan(0)
  })

  test('refuses adapters outside its allow-list and bad input, as errors', async () => {
    const specialist = specialistModelTool({
      client: createLocalClient(lora.host),
      baseModel: 'stories260K',
      adapters: ['a0'],
    })
    expect(JSON.parse(await specialist.invoke({ adapter: 'a1', prompt: 'Hi' }))).toEqual({
      error: { code: 'UNKNOWN_ADAPTER', message: "adapter 'a1' is not one this agent may call (a0)" },
    })
    expect(JSON.parse(await specialist.invoke({ adapter: 'a0', prompt: ' ' }))).toEqual({
      error: { code: 'INVALID_INPUT', message: 'prompt must be a non-empty text' },
    })
    expect(JSON.parse(await specialist.invoke({ adapter: 'a0', prompt: 'Hi', maxTokens: 1000 }))).toEqual({
      error: { code: 'INVALID_INPUT', message: 'maxTokens must be a whole number from 1 to 256, got 1000' },
    })
    const broken = specialistModelTool({
      client: { chat: { completions: { create: async () => Promise.reject(new Error('host is down')) } } },
      baseModel: 'stories260K',
      adapters: ['a0'],
    })
    expect(JSON.parse(await broken.invoke({ adapter: 'a0', prompt: 'Hi' }))).toEqual({
      error: { code: 'MODEL_ERROR', message: 'host is down' },
    })
  })
})
