import { HttpError } from '@openledger/http'
import { expect, test } from 'vitest'
import { chatFailure } from './chatFailure.js'

test('an unreachable host is a 503 with Retry-After; anything else, a host refusal included, a 500', () => {
  const down = chatFailure(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'a')
  expect(down).toMatchObject({ status: 503, code: 'model_host_unavailable', headers: { 'Retry-After': '5' } })
  const refusal = new HttpError(400, 'context_length_exceeded')
  const failed = chatFailure(refusal, 'story-teller')
  expect(failed).toMatchObject({ status: 500, type: 'server_error', code: 'agent_failed', cause: refusal })
  expect(failed.shortMessage).toBe(
    'story-teller failed to answer; nothing was charged. Quote the request id when reporting it.',
  )
})
