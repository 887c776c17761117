import { expect, it } from 'vitest'
import { z } from 'zod'
import { zodHttpError } from './zodHttpError.js'

const schema = z.object({ messages: z.array(z.object({ role: z.enum(['user', 'assistant']) })).min(1) })
const errorOf = (body: unknown) => {
  const parsed = schema.safeParse(body)
  if (parsed.success) throw new Error('accepted')
  return parsed.error
}

it('is a 400 invalid_value naming the first field at fault, in OpenAI words', () => {
  const error = zodHttpError(errorOf({ messages: [{ role: 'robot' }] }))
  expect({ status: error.status, ...error.body.error }).toEqual({
    status: 400,
    message: `Invalid 'messages[0].role': Invalid option: expected one of "user"|"assistant".`,
    type: 'invalid_request_error',
    param: 'messages[0].role',
    code: 'invalid_value',
  })
  expect(zodHttpError(errorOf('text')).shortMessage).toMatch(/^Invalid request: /)
})

it('words the message as told', () => {
  const error = zodHttpError(errorOf({ messages: [] }), {
    describe: (param, problem) => `Invalid ${param ?? 'body'}: ${problem}.`,
  })
  expect(error.shortMessage).toMatch(/^Invalid messages: /)
  expect(error.param).toBe('messages')
})
