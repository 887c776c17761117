import { describe, expect, test } from 'vitest'
import type { GatewayContext } from '../GatewayContext.js'
import { baseModelSha256 } from './baseModelSha256.js'

const hash = 'ab'.repeat(32)
const entries = (root_sha256: unknown) => [
  { id: 'stories260K', object: 'model', root: 'stories260K', root_sha256 },
  { id: 'stories260K:a0', object: 'model', root: 'stories260K', root_sha256 },
]

/** A client whose `models.list()` answers `data` (lora-host's list, or the openai client's page alike). */
function clientListing(...answers: (() => unknown[])[]) {
  const client = {
    calls: 0,
    models: {
      list: async () => {
        const answer = answers[Math.min(client.calls++, answers.length - 1)]!
        return { object: 'list', data: answer() }
      },
    },
  }
  return client
}

const contextOf = (client: object, baseModel = 'stories260K') =>
  ({ client, baseModel }) as unknown as GatewayContext

describe('baseModelSha256', () => {
  test("is the base model's root_sha256 as 32-byte hex, asked once per client", async () => {
    const client = clientListing(() => entries(hash.toUpperCase()))
    const context = contextOf(client)
    expect(await baseModelSha256(context)).toBe(`0x${hash}`)
    expect(await baseModelSha256(context)).toBe(`0x${hash}`)
    expect(client.calls).toBe(1)
    expect(await baseModelSha256(contextOf(clientListing(() => entries(`0x${hash}`))))).toBe(`0x${hash}`)
  })

  test('a host that does not report it is a BaseModelHashUnknownError, asked again next time', async () => {
    const client = clientListing(
      () => entries(undefined),
      () => entries('0x1234'),
      () => entries(hash),
    )
    const context = contextOf(client)
    await expect(baseModelSha256(context)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [BaseModelHashUnknownError: The model host does not report the sha256 of base model stories260K: its root_sha256 is undefined, not 32 bytes of hex.

      Run a lora-host that lists root_sha256 in GET /v1/models.]
    `)
    await expect(baseModelSha256(context)).rejects.toMatchObject({ name: 'BaseModelHashUnknownError' })
    expect(await baseModelSha256(context)).toBe(`0x${hash}`)
    await expect(baseModelSha256(contextOf(client, 'other'))).rejects.toThrowErrorMatchingInlineSnapshot(`
      [BaseModelHashUnknownError: The model host does not report the sha256 of base model other: GET /v1/models does not list it.

      Run a lora-host that lists root_sha256 in GET /v1/models.]
    `)
    await expect(baseModelSha256(contextOf({ chat: {} }))).rejects.toMatchObject({
      name: 'BaseModelHashUnknownError',
    })
  })

  test("the host's own failure passes through (so an unreachable host is still a 503)", async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    const client = clientListing(() => {
      throw refused
    })
    await expect(baseModelSha256(contextOf(client))).rejects.toBe(refused)
  })
})
