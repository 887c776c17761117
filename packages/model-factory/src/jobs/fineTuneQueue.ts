import { type ConnectionOptions, Queue } from 'bullmq'

export const FINE_TUNE_QUEUE = 'fine-tune'

/** Where the queue lives: a Redis URL or BullMQ connection options, and a key prefix (default `openledger`). */
export type FineTuneQueueConnection = { redis: string | ConnectionOptions; prefix?: string | undefined }

/**
 * The `fine-tune` queue: one job per adapter to train. A fine-tune is not retried (a failure is in its data or
 * was a cancel); finished jobs are kept a week so their results and errors can be read.
 *
 * @example
 * const queue = fineTuneQueue({ redis: 'redis://127.0.0.1:6379' })
 * const id = await enqueueFineTune(queue, payload)
 */
export function fineTuneQueue(connection: FineTuneQueueConnection): Queue {
  return new Queue(FINE_TUNE_QUEUE, {
    ...fineTuneQueueOptions(connection),
    defaultJobOptions: {
      attempts: 1,
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  })
}

/** BullMQ options for the queue, its worker and its events (the same as settlement's `queueOptions`). */
export function fineTuneQueueOptions(connection: FineTuneQueueConnection): {
  connection: ConnectionOptions
  prefix: string
} {
  return { connection: connectionOf(connection.redis), prefix: connection.prefix ?? 'openledger' }
}

function connectionOf(redis: string | ConnectionOptions): ConnectionOptions {
  if (typeof redis !== 'string') return redis
  const url = new URL(redis)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    // workers block on Redis; BullMQ wants no per-request retry limit
    maxRetriesPerRequest: null,
  }
}
