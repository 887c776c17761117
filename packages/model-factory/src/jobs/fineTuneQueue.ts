import { type QueueConnection, queueConnectionOptions } from '@openledger/store'
import { type ConnectionOptions, Queue } from 'bullmq'

export const FINE_TUNE_QUEUE = 'fine-tune'

/** Where the queue lives: a Redis URL or BullMQ connection options, and a key prefix (default `openledger`). */
export type FineTuneQueueConnection = QueueConnection<ConnectionOptions>

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
    ...queueConnectionOptions(connection),
    defaultJobOptions: {
      attempts: 1,
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  })
}
