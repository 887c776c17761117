import express from 'express'
import { describe, expect, it } from 'vitest'
import { requestId } from './requestId.js'
import { requestIdOf } from './requestIdOf.js'
import { listen } from './testing/listen.js'

const app = express()
app.use(requestId())
app.get('/', (_request, response) => {
  response.json({ id: requestIdOf(response) })
})

const idOf = (url: string, sent?: string) =>
  fetch(url, sent === undefined ? {} : { headers: { 'x-request-id': sent } }).then(async (response) => ({
    header: response.headers.get('x-request-id'),
    body: ((await response.json()) as { id: string }).id,
  }))

describe('requestId', () => {
  it('keeps a sane X-Request-Id, else makes one, and echoes it in the header', async () => {
    await listen(app, async (url) => {
      expect(await idOf(url, 'client-chosen-id-1')).toEqual({
        header: 'client-chosen-id-1',
        body: 'client-chosen-id-1',
      })
      for (const insane of [
        undefined,
        'short',
        'has spaces in it',
        'x'.repeat(129),
        '<script>alert(1)</script>',
      ]) {
        const { header, body } = await idOf(url, insane)
        expect(header).toMatch(/^req_[0-9a-f]{32}$/)
        expect(body).toBe(header)
      }
    })
  })

  it('is made as the server chooses', async () => {
    const own = express()
      .use(requestId({ generate: () => 'req_own-format-1' }))
      .get('/', (_request, response) => {
        response.json({ id: requestIdOf(response) })
      })
    await listen(own, async (url) => {
      expect(await idOf(url)).toEqual({ header: 'req_own-format-1', body: 'req_own-format-1' })
    })
  })

  it('is made on first reading where the middleware did not run', async () => {
    const bare = express().get('/', (_request, response) => {
      const first = requestIdOf(response)
      response.json({ id: requestIdOf(response) === first ? first : 'changed' })
    })
    await listen(bare, async (url) => {
      const { header, body } = await idOf(url)
      expect(header).toMatch(/^req_[0-9a-f]{32}$/)
      expect(body).toBe(header)
    })
  })
})
