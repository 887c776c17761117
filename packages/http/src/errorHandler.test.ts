import express from 'express'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { errorHandler } from './errorHandler.js'
import { HttpError } from './HttpError.js'
import { requestId } from './requestId.js'
import { listen } from './testing/listen.js'

class ThingBusyError extends Error {
  override name = 'ThingBusyError'
}

const logged: { error: unknown; requestId: string }[] = []
const app = express()
app.use(requestId())
app.post('/json', express.json({ limit: 64 }), (request, response) => {
  response.json(request.body)
})
app.get('/limited', () => {
  throw new HttpError(429, 'Too many requests; retry in 7 s.', {
    code: 'rate_limit_exceeded',
    headers: { 'Retry-After': '7' },
  })
})
app.get('/down', async () => {
  throw new HttpError(503, 'The model host is down.', { code: 'host_unavailable' })
})
app.get('/zod', () => {
  z.object({ n: z.number() }).parse({ n: 'x' })
})
app.get('/busy', () => {
  throw new ThingBusyError('The thing is busy.')
})
app.get('/bug', async () => {
  throw new Error('secret: postgres://admin:hunter2@db/prod')
})
app.get('/streaming', (_request, response) => {
  response.write('partial')
  throw new Error('failed midway')
})
app.use(
  errorHandler({
    onError: (error, id) => logged.push({ error, requestId: id }),
    map: (error) => (error instanceof ThingBusyError ? new HttpError(409, error.message) : undefined),
  }),
)

type Answer = { status: number; headers: Headers; body: { error: Record<string, unknown> } }
const call = async (url: string, init?: RequestInit): Promise<Answer> => {
  const response = await fetch(url, init)
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  }
}
const postJson = (url: string, body: string, headers: Record<string, string> = {}) =>
  call(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('errorHandler', () => {
  it("answers an HttpError with its status, headers and OpenAI's body with the request id", async () => {
    await listen(app, async (url) => {
      const answer = await call(`${url}/limited`, { headers: { 'x-request-id': 'client-chosen-id-9' } })
      expect(answer.status).toBe(429)
      expect(answer.headers.get('retry-after')).toBe('7')
      expect(answer.headers.get('x-request-id')).toBe('client-chosen-id-9')
      expect(answer.body).toEqual({
        error: {
          message: 'Too many requests; retry in 7 s.',
          type: 'rate_limit_error',
          param: null,
          code: 'rate_limit_exceeded',
          request_id: 'client-chosen-id-9',
        },
      })
      expect((await call(`${url}/busy`)).body.error).toMatchObject({ type: 'conflict_error' })
    })
  })

  it("maps body-parser's errors: malformed JSON 400, too large 413, an unsupported charset 415", async () => {
    await listen(app, async (url) => {
      const malformed = await postJson(url, '{"a": ')
      expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'invalid_json', param: null } } })
      expect(malformed.body.error.message).toMatch(/^The request body is not valid JSON: /)
      expect(await postJson(url, JSON.stringify({ a: 'x'.repeat(100) }))).toMatchObject({
        status: 413,
        body: {
          error: {
            message: 'The request body is larger than the limit of 64 bytes.',
            type: 'invalid_request_error',
            code: 'request_too_large',
          },
        },
      })
      const charset = await postJson(url, '{}', { 'content-type': 'application/json; charset=klingon' })
      expect(charset).toMatchObject({
        status: 415,
        body: { error: { type: 'invalid_request_error', code: 'charset.unsupported' } },
      })
      expect(logged).toEqual([])
    })
  })

  it('maps a zod error thrown by a handler to a 400 naming the field', async () => {
    await listen(app, async (url) => {
      expect(await call(`${url}/zod`)).toMatchObject({
        status: 400,
        body: { error: { param: 'n', code: 'invalid_value', type: 'invalid_request_error' } },
      })
    })
  })

  it('turns anything else into a 500 naming only the request id, and logs the error itself', async () => {
    await listen(app, async (url) => {
      const answer = await call(`${url}/bug`)
      const id = answer.headers.get('x-request-id')!
      expect(answer.status).toBe(500)
      expect(answer.body).toEqual({
        error: {
          message: `The server had an error while processing your request; quote request id ${id} to its operator.`,
          type: 'server_error',
          param: null,
          code: null,
          request_id: id,
        },
      })
      expect(JSON.stringify(answer.body)).not.toContain('secret')
      expect(logged.splice(0)).toEqual([
        {
          requestId: id,
          error: expect.objectContaining({ message: 'secret: postgres://admin:hunter2@db/prod' }),
        },
      ])
    })
  })

  it('does not log a 503, and ends a response already under way', async () => {
    await listen(app, async (url) => {
      expect((await call(`${url}/down`)).status).toBe(503)
      expect(logged).toEqual([])
      const streaming = await fetch(`${url}/streaming`)
      expect(streaming.status).toBe(200)
      expect(await streaming.text()).toBe('partial')
      expect(logged.splice(0)).toMatchObject([{ error: { message: 'failed midway' } }])
    })
  })

  it('sends the body a server chooses', async () => {
    const legacy = express()
    legacy.get('/', () => {
      throw new HttpError(400, 'Invalid rank.', { param: 'rank' })
    })
    legacy.use(
      errorHandler({ body: (error) => ({ error: { message: error.shortMessage, field: error.param } }) }),
    )
    await listen(legacy, async (url) => {
      expect(await call(url)).toMatchObject({
        status: 400,
        body: { error: { message: 'Invalid rank.', field: 'rank' } },
      })
    })
  })
})
