import type { RequestHandler } from 'express'
import type { HostMetrics } from './createHostMetrics.js'

/**
 * Counts each request once it is over (finished or its client gone), by method, route pattern (never the raw
 * path, so ids do not explode the label set; 'unmatched' for unknown URLs) and status.
 *
 * @example
 * app.use(countRequests(metrics.httpRequests))
 */
export function countRequests(counter: HostMetrics['httpRequests']): RequestHandler {
  return (req, res, next) => {
    res.once('close', () => {
      const route = req.route ? String(req.route.path) : 'unmatched'
      counter.inc({ method: req.method, route, status: String(res.statusCode) })
    })
    next()
  }
}
