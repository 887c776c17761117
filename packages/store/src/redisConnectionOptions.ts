/**
 * Where a Redis server is, as BullMQ's queues and workers (and ioredis) take it. `maxRetriesPerRequest` is null
 * because BullMQ's workers block on Redis and want no per-request retry limit.
 */
export type RedisConnectionOptions = {
  host: string
  port: number
  username?: string
  password?: string
  db?: number
  maxRetriesPerRequest: null
}

/**
 * Reads a `redis://[user:password@]host[:port][/db]` URL into connection options for BullMQ (port 6379 and db 0
 * unless the URL says otherwise; user and password percent-decoded); options given as an object pass through
 * as they are. The one place the project turns a Redis URL into a connection: settlement's and ModelFactory's
 * queues both take theirs from here.
 *
 * @example
 * redisConnectionOptions('redis://127.0.0.1:6380/2') // { host: '127.0.0.1', port: 6380, db: 2, maxRetriesPerRequest: null }
 */
export function redisConnectionOptions<Options extends object>(
  redis: string | Options,
): RedisConnectionOptions | Options {
  if (typeof redis !== 'string') return redis
  const url = new URL(redis)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  }
}
