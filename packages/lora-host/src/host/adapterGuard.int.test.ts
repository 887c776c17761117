import { toHttpError } from '@openledger/http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createCompletion } from '../api/createCompletion.js'
import { hostHttpError } from '../api/hostHttpError.js'
import { createTestHost, type TestHost } from '../testing/createTestHost.js'

let testHost: TestHost
let allowed: string
const asked: string[] = []
beforeAll(async () => {
  testHost = await createTestHost({
    adapters: 2,
    options: {
      adapterGuard: (sha256) => {
        asked.push(sha256)
        return sha256 === allowed
      },
    },
  })
  allowed = testHost.host.registry.get('a0')!.sha256
})
afterAll(() => testHost?.close())

test('a host with an adapter guard serves what it allows, refuses the rest with 403, and never guards the base model', async () => {
  const { host } = testHost
  const request = (model: string) => createCompletion(host, { model, prompt: 'Once upon', max_tokens: 2 })
  await expect(request('stories260K:a0')).resolves.toMatchObject({ adapter: { id: 'a0', sha256: allowed } })
  const refused = await request('stories260K:a1').catch((error) => toHttpError(error, { map: hostHttpError }))
  expect(refused).toMatchObject({
    status: 403,
    body: { error: { code: 'adapter_not_registered', param: 'model' } },
  })
  expect((refused as Error).message).toMatch(
    /^Adapter 'a1' \([0-9a-f]{64}\) is not servable here: it is not registered, or it was revoked\./,
  )
  const before = asked.length
  await expect(request('stories260K')).resolves.toMatchObject({ adapter: null })
  expect(asked.length).toBe(before)
})
