import {
  queueConnectionOptions,
  redisConnectionOptions,
  type QueueConnection as StoreQueueConnection,
} from '@openledger/store'
import { type ConnectionOptions, Queue } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'

/** Where the queues live: a Redis URL or BullMQ connection options, and a key prefix (default `openledger`). */
export type QueueConnection = StoreQueueConnection<ConnectionOptions>

export const USAGE_QUEUE = 'usage'
export const EPOCH_QUEUE = 'epoch'

/**
 * The `usage` queue: one job per paid answer, job id = receipt id. Producers (the gateway) add to it with
 * `enqueueUsage`.
 *
 * @example
 * const usage = usageQueue({ redis: 'redis://127.0.0.1:6379' })
 */
export function usageQueue(connection: QueueConnection): Queue {
  return new Queue(USAGE_QUEUE, {
    ...queueConnectionOptions(connection),
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: false,
    },
  })
}

/**
 * The `epoch` queue: each job settles the next epoch (one at a time across every worker).
 *
 * @example
 * const epochs = epochQueue({ redis: 'redis://127.0.0.1:6379' })
 */
export function epochQueue(connection: QueueConnection): Queue {
  return new Queue(EPOCH_QUEUE, {
    ...queueConnectionOptions(connection),
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
    },
  })
}

/**
 * Whether Redis answers at `redis` within `timeoutMs` (one attempt, no retries), for a clear message before
 * starting workers that would otherwise retry forever.
 *
 * @example
 * if (!(await pingRedis({ redis: 'redis://127.0.0.1:6379' }))) console.error('start redis-server first')
 */
export async function pingRedis(connection: QueueConnection, timeoutMs = 2_000): Promise<boolean> {
  const client = new Redis({
    ...(redisConnectionOptions(connection.redis) as RedisOptions),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}
