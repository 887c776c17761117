import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { HttpError } from './HttpError.js'
import { toHttpError } from './toHttpError.js'

class ThingNotFoundError extends Error {
  override name = 'ThingNotFoundError'
}

describe('toHttpError', () => {
  it('keeps an HttpError as it is', () => {
    const error = new HttpError(402, 'Pay first.')
    expect(toHttpError(error)).toBe(error)
  })

  it("maps a server's own errors first", () => {
    const map = (error: unknown) =>
      error instanceof ThingNotFoundError ? new HttpError(404, error.message, { cause: error }) : undefined
    expect(toHttpError(new ThingNotFoundError('No thing 7.'), { map }).body.error).toMatchObject({
      message: 'No thing 7.',
      type: 'not_found_error',
    })
    expect(toHttpError(new Error('other'), { map }).status).toBe(500)
  })

  it('maps a zod error to a 400 naming the field', () => {
    const error = (() => {
      try {
        z.object({ n: z.number() }).parse({ n: 'x' })
      } catch (error) {
        return error
      }
    })()
    expect(toHttpError(error).body.error).toMatchObject({ param: 'n', code: 'invalid_value' })
  })

  it('turns anything else into a 500 naming only the request id', () => {
    const secret = new Error('secret: connection string postgres://admin:pw@db')
    const error = toHttpError(secret, { requestId: 'req_abc12345' })
    expect(error.status).toBe(500)
    expect(error.cause).toBe(secret)
    expect(error.body).toEqual({
      error: {
        message:
          'The server had an error while processing your request; quote request id req_abc12345 to its operator.',
        type: 'server_error',
        param: null,
        code: null,
      },
    })
    expect(toHttpError('a string').shortMessage).toMatch(/quote request id req_[0-9a-f]{32} /)
  })
})
