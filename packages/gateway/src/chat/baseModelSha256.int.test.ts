import { createLocalClient, type LoraHostServer, startLoraHostServer } from '@openledger/lora-host'
import { createTestHost, type TestHost } from '@openledger/lora-host/testing'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GatewayContext } from '../GatewayContext.js'
import { baseModelSha256 } from './baseModelSha256.js'

let testHost: TestHost
let server: LoraHostServer
beforeAll(async () => {
  testHost = await createTestHost({ adapters: 1 })
  server = await startLoraHostServer(testHost.host, { defaultMetrics: false })
})
afterAll(async () => {
  await server?.close()
  await testHost?.close()
})

describe('baseModelSha256 against a real lora-host', () => {
  test('is the sha256 the host loaded its base model with, in process and over HTTP alike', async () => {
    const expected = `0x${testHost.host.model.sha256}`
    const baseModel = testHost.host.model.id
    const local = createLocalClient(testHost.host)
    const http = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 })
    for (const client of [local, http])
      expect(await baseModelSha256({ client, baseModel } as unknown as GatewayContext)).toBe(expected)
  })
})
