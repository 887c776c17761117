import { HttpError } from '@openledger/http'
import type { StoreSession } from '@openledger/store'
import type { NextFunction, Request, Response } from 'express'
import type { ApiKey } from '../apiKeys/ApiKey.js'
import { findApiKey } from '../apiKeys/findApiKey.js'

/** The API key a request was authenticated with (set by `authenticate()`). */
export function apiKeyOf(response: Response): ApiKey {
  return response.locals.apiKey as ApiKey
}

/**
 * Requires `Authorization: Bearer <key>` naming an issued, unrevoked key: 401 otherwise, with what to do.
 * Keys are looked up by the sha256 of the secret.
 */
export function authenticate(store: StoreSession) {
  return async (request: Request, response: Response, next: NextFunction) => {
    // Already found valid by `limitRequests`.
    if (response.locals.apiKey) return next()
    const header = request.get('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match)
      throw new HttpError(401, 'Missing API key: send `Authorization: Bearer <key>`.', {
        code: 'missing_api_key',
      })
    const key = await findApiKey(store, match[1]!)
    if (!key)
      throw new HttpError(
        401,
        'Invalid API key: create one with `openledger apikey create --account <address>`.',
        {
          code: 'invalid_api_key',
        },
      )
    if (key.revokedAt)
      throw new HttpError(401, `API key ${key.id} was revoked on ${key.revokedAt.toISOString()}.`, {
        code: 'revoked_api_key',
      })
    response.locals.apiKey = key
    next()
  }
}
