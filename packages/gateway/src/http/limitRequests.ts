import type { StoreSession } from '@openledger/store'
import type { NextFunction, Request, Response } from 'express'
import { findApiKey } from '../apiKeys/findApiKey.js'
import { type RateLimitOptions, rateLimit } from './rateLimit.js'

export type LimitRequestsOptions = {
  /** Per valid API key. */
  key: RateLimitOptions
  /** Per client address, for requests with no key, a bad key or a revoked one. */
  address: RateLimitOptions
}

/**
 * The one rate limit every request passes, before any route and before authentication: a request naming a
 * valid, unrevoked API key (`Authorization: Bearer`) takes from that key's bucket (and the key is kept in
 * `res.locals.apiKey`, so `authenticate` does not look it up again); every other request, no key or a bad one,
 * takes from its client address's bucket (`req.ip`: behind a proxy on loopback, the forwarded address). Over
 * either is a 429 with `Retry-After`.
 *
 * @example
 * app.use(limitRequests(store, { key: { burst: 60, perSecond: 10 }, address: { burst: 60, perSecond: 10 } }))
 */
export function limitRequests(store: StoreSession, options: LimitRequestsOptions) {
  const byKey = rateLimit(options.key, (_request, response) => `key:${response.locals.apiKey.id}`, {
    who: 'this API key',
  })
  const byAddress = rateLimit(options.address, (request) => `ip:${request.ip ?? 'unknown'}`, {
    who: 'this address (requests without a valid API key)',
  })
  return async (request: Request, response: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')
    const key = match ? await findApiKey(store, match[1]!) : undefined
    if (key && !key.revokedAt) {
      response.locals.apiKey = key
      return byKey(request, response, next)
    }
    return byAddress(request, response, next)
  }
}
