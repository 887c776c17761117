import { expect, test } from 'vitest'
import { connectionOf, pingRedis } from './queues.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

test('pingRedis answers true for a live Redis and false, quickly, for a closed port', async () => {
  expect(await pingRedis({ redis: REDIS_URL })).toBe(true)
  expect(await pingRedis({ redis: 'redis://127.0.0.1:1' }, 500)).toBe(false)
})

test('connectionOf reads a Redis URL into BullMQ options', () => {
  expect(connectionOf({ redis: 'redis://user:p%40ss@10.0.0.1:6380/2' })).toEqual({
    host: '10.0.0.1',
    port: 6380,
    username: 'user',
    password: 'p@ss',
    db: 2,
    maxRetriesPerRequest: null,
  })
  expect(connectionOf({ redis: 'redis://127.0.0.1' })).toEqual({
    host: '127.0.0.1',
    port: 6379,
    maxRetriesPerRequest: null,
  })
})
