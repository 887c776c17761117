import { randomUUID } from 'node:crypto'
import type { ErrorRequestHandler } from 'express'

/** An HTTP error a handler throws; `errorHandler` answers it as `{ error: { message, field? } }`. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    message: string,
    readonly options: { field?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
  }
}

/**
 * The final error handler: an `HttpError` (or a body-parser 4xx) as its status and message; anything else a
 * 500 naming a request id, the error itself only in `onError`.
 */
export function errorHandler(onError: (error: unknown, requestId: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({
        error: { message: error.message, ...(error.options.field ? { field: error.options.field } : {}) },
      })
      return
    }
    const status = (error as { status?: unknown }).status
    if (
      typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      (error as { expose?: boolean }).expose
    ) {
      res.status(status).json({ error: { message: (error as Error).message } })
      return
    }
    const requestId = randomUUID()
    onError(error, requestId)
    res.status(500).json({ error: { message: `Internal error (request ${requestId}).` } })
  }
}
