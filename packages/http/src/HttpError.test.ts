import { BaseError } from '@openledger/errors'
import { describe, expect, it } from 'vitest'
import { HttpError } from './HttpError.js'
import { openAiErrorBody } from './openAiErrorBody.js'

describe('HttpError', () => {
  it('takes its type from the status unless told', () => {
    const types = [400, 401, 402, 403, 404, 409, 413, 415, 429, 500, 502, 503].map(
      (status) => `${status} ${new HttpError(status, 'x').type}`,
    )
    expect(types).toMatchInlineSnapshot(`
      [
        "400 invalid_request_error",
        "401 authentication_error",
        "402 insufficient_quota",
        "403 permission_error",
        "404 not_found_error",
        "409 conflict_error",
        "413 invalid_request_error",
        "415 invalid_request_error",
        "429 rate_limit_error",
        "500 server_error",
        "502 server_error",
        "503 service_unavailable",
      ]
    `)
    expect(new HttpError(403, 'x', { type: 'invalid_request_error' }).type).toBe('invalid_request_error')
  })

  it("is a BaseError whose body is OpenAI's, never the cause", () => {
    const cause = new Error('secret: /etc/internal')
    const error = new HttpError(429, 'Slow down.', {
      code: 'rate_limit_exceeded',
      headers: { 'Retry-After': '3' },
      cause,
    })
    expect(error).toBeInstanceOf(BaseError)
    expect(error.name).toBe('HttpError')
    expect(error.cause).toBe(cause)
    expect(error.headers).toEqual({ 'Retry-After': '3' })
    expect(error.body).toEqual({
      error: { message: 'Slow down.', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    })
    expect(JSON.stringify(openAiErrorBody(error, 'req_1'))).toMatchInlineSnapshot(
      `"{"error":{"message":"Slow down.","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded","request_id":"req_1"}}"`,
    )
  })

  it('names the field at fault', () => {
    const error = new HttpError(400, "Invalid 'model'.", { param: 'model', code: 'invalid_value' })
    expect(error.body.error).toMatchObject({ param: 'model', code: 'invalid_value' })
  })
})
