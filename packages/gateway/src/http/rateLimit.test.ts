import { HttpError } from '@openledger/http'
import type { Request, Response } from 'express'
import { expect, test } from 'vitest'
import { rateLimit } from './rateLimit.js'

test('rateLimit lets a burst through per key, then answers 429 with Retry-After until tokens refill', () => {
  let now = 0
  const limit = rateLimit({ burst: 2, perSecond: 0.5 }, (request) => request.get('key'), { now: () => now })
  const call = (key: string | undefined) => {
    let passed = false
    const request = { get: () => key } as unknown as Request
    try {
      limit(request, {} as Response, () => {
        passed = true
      })
    } catch (error) {
      return error as HttpError
    }
    return passed
  }
  expect([call('a'), call('a')]).toEqual([true, true])
  const refused = call('a') as HttpError
  expect(refused).toBeInstanceOf(HttpError)
  expect(refused.status).toBe(429)
  expect(refused.headers['Retry-After']).toBe('2')
  expect(call('b')).toBe(true)
  expect(call(undefined)).toBe(true)
  now = 2_000
  expect(call('a')).toBe(true)
  expect(call('a')).toBeInstanceOf(HttpError)
})
