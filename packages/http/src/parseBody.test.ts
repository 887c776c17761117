import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { HttpError } from './HttpError.js'
import { parseBody } from './parseBody.js'

const schema = z.object({ max_tokens: z.int().min(1, 'must be at least 1').default(16) })
const refusal = (body: unknown) => {
  try {
    parseBody(schema, body)
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    return (error as HttpError).body.error
  }
  throw new Error('accepted')
}

describe('parseBody', () => {
  it('returns the parsed body', () => {
    expect(parseBody(schema, {})).toEqual({ max_tokens: 16 })
  })

  it('is a 400 naming the field for an invalid value', () => {
    expect(refusal({ max_tokens: 0 })).toEqual({
      message: "Invalid 'max_tokens': must be at least 1.",
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: 'invalid_value',
    })
  })

  it('is a 400 invalid_body for anything but a JSON object', () => {
    for (const body of [undefined, null, '{}', [1, 2]])
      expect(refusal(body)).toMatchObject({ param: null, code: 'invalid_body' })
  })
})
