import { type RedisConnectionOptions, redisConnectionOptions } from './redisConnectionOptions.js'

/**
 * Where a package's BullMQ queues live: a Redis URL, or connection options as BullMQ takes them (`Options`), and
 * a key prefix (default `openledger`).
 */
export type QueueConnection<Options extends object = RedisConnectionOptions> = {
  redis: string | Options
  prefix?: string | undefined
}

/**
 * The options every BullMQ queue, worker and event listener of the project is made with: the connection (a
 * URL read by `redisConnectionOptions`) and the key prefix, `openledger` unless given. Producers and workers of
 * one queue must agree on both, so they all take them from here.
 *
 * @example
 * const queue = new Queue('usage', { ...queueConnectionOptions({ redis: 'redis://127.0.0.1:6379' }) })
 */
export function queueConnectionOptions<Options extends object>(
  connection: QueueConnection<Options>,
): { connection: RedisConnectionOptions | Options; prefix: string } {
  return { connection: redisConnectionOptions(connection.redis), prefix: connection.prefix ?? 'openledger' }
}
