import { HttpError } from '@openledger/http'
import type { NextFunction, Request, Response } from 'express'

export type RateLimitOptions = {
  /** Requests a key may make in a burst (the bucket's size). */
  burst: number
  /** Requests per second the bucket refills at. */
  perSecond: number
}

type Bucket = { tokens: number; at: number }

/**
 * A token bucket per key (the `key` function's result; requests without one pass): each request takes a token;
 * an empty bucket is a 429 with `Retry-After` (whole seconds until a token is back), naming `who` was limited.
 */
export function rateLimit(
  options: RateLimitOptions,
  key: (request: Request, response: Response) => string | undefined,
  { now = Date.now, who = 'this API key' }: { now?: () => number; who?: string } = {},
) {
  const buckets = new Map<string, Bucket>()
  return (request: Request, response: Response, next: NextFunction) => {
    const id = key(request, response)
    if (id === undefined) return next()
    const time = now()
    const bucket = buckets.get(id) ?? { tokens: options.burst, at: time }
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((time - bucket.at) / 1000) * options.perSecond)
    bucket.at = time
    buckets.set(id, bucket)
    if (buckets.size > 100_000) buckets.clear()
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond))
      throw new HttpError(
        429,
        `Rate limit reached for ${who}: ${options.burst} requests, refilled at ${options.perSecond} a second. Retry in ${wait} s.`,
        {
          code: 'rate_limit_exceeded',
          headers: { 'Retry-After': String(wait) },
        },
      )
    }
    bucket.tokens -= 1
    next()
  }
}
