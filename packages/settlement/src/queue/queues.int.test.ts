import { expect, test } from 'vitest'
import { pingRedis } from './queues.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

// Reading the Redis URL is @openledger/store's redisConnectionOptions (tested there).
test('pingRedis answers true for a live Redis and false, quickly, for a closed port', async () => {
  expect(await pingRedis({ redis: REDIS_URL })).toBe(true)
  expect(await pingRedis({ redis: 'redis://127.0.0.1:1' }, 500)).toBe(false)
})
