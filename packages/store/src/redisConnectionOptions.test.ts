import { expect, test } from 'vitest'
import { queueConnectionOptions } from './queueConnectionOptions.js'
import { redisConnectionOptions } from './redisConnectionOptions.js'

test('redisConnectionOptions reads a Redis URL into BullMQ options', () => {
  expect(redisConnectionOptions('redis://user:p%40ss@10.0.0.1:6380/2')).toEqual({
    host: '10.0.0.1',
    port: 6380,
    username: 'user',
    password: 'p@ss',
    db: 2,
    maxRetriesPerRequest: null,
  })
  expect(redisConnectionOptions('redis://127.0.0.1')).toEqual({
    host: '127.0.0.1',
    port: 6379,
    maxRetriesPerRequest: null,
  })
  const given = { host: 'redis', port: 7000 }
  expect(redisConnectionOptions(given)).toBe(given)
})

test('queueConnectionOptions prefixes keys with openledger unless told otherwise', () => {
  expect(queueConnectionOptions({ redis: 'redis://127.0.0.1' }).prefix).toBe('openledger')
  expect(queueConnectionOptions({ redis: 'redis://127.0.0.1', prefix: 'test-1' })).toEqual({
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    prefix: 'test-1',
  })
})
