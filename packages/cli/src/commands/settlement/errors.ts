import { BaseError } from '@openledger/errors'

/** Redis did not answer: the settlement queues live there. */
export class RedisUnreachableError extends BaseError {
  override name = 'RedisUnreachableError'
  constructor(url: string) {
    super(`Redis does not answer at ${url}; settlement queues need it.`, {
      metaMessages: ['Start it (redis-server, or apt-get install redis-server) or set REDIS_URL.'],
    })
  }
}
