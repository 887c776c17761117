import { HttpError } from '@openledger/http'
import type { Request, Response } from 'express'
import type { GatewayMetrics } from './createGatewayMetrics.js'

/** Whether `ip` (as express reports it, IPv4-mapped or not) is a loopback address. */
function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/**
 * The Prometheus text of `metrics`. With `loopbackOnly`, a client that is not on loopback (`req.ip`, so a
 * request a local proxy forwards counts as its client's) gets the same 404 as an unknown route: the metrics'
 * existence is not advertised off the machine.
 *
 * @example
 * app.get('/metrics', serveMetrics(metrics, { loopbackOnly: true }))
 */
export function serveMetrics(metrics: GatewayMetrics, { loopbackOnly }: { loopbackOnly: boolean }) {
  return async (request: Request, response: Response) => {
    if (loopbackOnly && !isLoopback(request.ip))
      throw new HttpError(404, `No route ${request.method} ${request.originalUrl}: see /openapi.json.`, {
        code: 'not_found',
      })
    response.setHeader('Content-Type', metrics.registry.contentType)
    response.send(await metrics.registry.metrics())
  }
}
