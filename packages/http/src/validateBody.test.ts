import express from 'express'
import { expect, it } from 'vitest'
import { z } from 'zod'
import { errorHandler } from './errorHandler.js'
import { listen } from './testing/listen.js'
import { validateBody } from './validateBody.js'

const app = express()
app.post(
  '/v1/things',
  express.json(),
  validateBody(z.object({ name: z.string().min(1, 'must not be empty'), size: z.int().default(1) })),
  (request, response) => {
    response.json(request.body)
  },
)
app.use(errorHandler())

const post = (url: string, body: string, type = 'application/json') =>
  fetch(`${url}/v1/things`, { method: 'POST', headers: { 'content-type': type }, body }).then(
    async (response) => ({ status: response.status, body: await response.json() }),
  )

it('passes the parsed body on, and answers a 400 naming the field otherwise', async () => {
  await listen(app, async (url) => {
    expect(await post(url, '{"name":"lamp"}')).toEqual({ status: 200, body: { name: 'lamp', size: 1 } })
    expect(await post(url, '{"name":""}')).toEqual({
      status: 400,
      body: {
        error: {
          message: "Invalid 'name': must not be empty.",
          type: 'invalid_request_error',
          param: 'name',
          code: 'invalid_value',
          request_id: expect.stringMatching(/^req_/),
        },
      },
    })
    // express.json() leaves a body of another content type unread: there is no JSON object to validate
    expect(await post(url, 'name=lamp', 'application/x-www-form-urlencoded')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', param: null } },
    })
  })
})
