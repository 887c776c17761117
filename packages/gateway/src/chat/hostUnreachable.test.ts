import { expect, test } from 'vitest'
import { hostUnreachable } from './hostUnreachable.js'

test('hostUnreachable finds connection failures through causes, and nothing else', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
  expect(hostUnreachable(new TypeError('fetch failed', { cause: refused }))).toBe(true)
  expect(hostUnreachable(new Error('wrapped', { cause: new TypeError('fetch failed') }))).toBe(true)
  expect(hostUnreachable(Object.assign(new Error('x'), { name: 'APIConnectionError' }))).toBe(true)
  expect(hostUnreachable(new Error('model said no'))).toBe(false)
  expect(hostUnreachable(undefined)).toBe(false)
})
