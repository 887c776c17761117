import { BaseCallbackHandler } from '@langchain/core/callbacks/base'
import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import { createLocalClient } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ChatLoraHost, ToolCallingUnsupportedError } from './ChatLoraHost.js'

let testHost: TestHost
beforeAll(async () => {
  testHost = await createTestHost({ adapters: 1 })
})
afterAll(() => testHost?.close())

const messages = [new SystemMessage('You tell short stories.'), new HumanMessage('Once upon a time')]

describe('ChatLoraHost over the real host (stories260K)', () => {
  test('answers with the same text the host gives, naming the adapter and usage', async () => {
    const client = createLocalClient(testHost.host)
    const model = new ChatLoraHost({ client, model: 'stories260K:a0', maxTokens: 12 })
    const answer = await model.invoke(messages)
    const direct = await client.chat.completions.create({
      model: 'stories260K:a0',
      messages: [
        { role: 'system', content: 'You tell short stories.' },
        { role: 'user', content: 'Once upon a time' },
      ],
      max_tokens: 12,
      temperature: 0,
    })
    expect(answer.content).toBe(direct.choices[0]!.message.content)
    expect(answer.response_metadata).toMatchObject({
      adapter: { id: 'a0', sha256: testHost.host.registry.get('a0')!.sha256 },
      finish_reason: 'length',
    })
    expect(answer.usage_metadata).toMatchObject({ output_tokens: 12 })
  })

  test('streams the same text token by token, through callbacks too', async () => {
    const model = new ChatLoraHost({
      client: createLocalClient(testHost.host),
      model: 'stories260K',
      maxTokens: 10,
    })
    const whole = await model.invoke(messages)
    const tokens: string[] = []
    const handler = BaseCallbackHandler.fromMethods({
      handleLLMNewToken(token: string) {
        tokens.push(token)
      },
    })
    let streamed = ''
    for await (const chunk of await model.stream(messages, { callbacks: [handler] }))
      streamed += chunk.content
    expect(streamed).toBe(whole.content)
    expect(tokens.length).toBeGreaterThan(1)
    expect(tokens.join('')).toBe(whole.content)
  })

  test('stops at a stop sequence, and refuses tool binding with a clear error', async () => {
    const model = new ChatLoraHost({
      client: createLocalClient(testHost.host),
      model: 'stories260K',
      maxTokens: 40,
    })
    const whole = String((await model.invoke(messages)).content)
    const stopAt = whole.split(' ')[3]!
    const stopped = String((await model.invoke(messages, { stop: [stopAt] })).content)
    expect(stopped).toBe(whole.slice(0, whole.indexOf(stopAt)))
    const stopsByDefault = new ChatLoraHost({
      client: createLocalClient(testHost.host),
      model: 'stories260K',
      maxTokens: 40,
      stop: [stopAt],
    })
    expect(String((await stopsByDefault.invoke(messages)).content)).toBe(stopped)
    expect(() => model.bindTools()).toThrow(ToolCallingUnsupportedError)
  })
})
