import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGateway, type Gateway } from './createGateway.js'
import type { GatewayOptions } from './GatewayOptions.js'

export type StartGatewayOptions = GatewayOptions & {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /**
   * Serves `/metrics` on a port of its own as well (0 picks a free one), on `metricsHost`; with `metricsAccess: 'off'`
   * it is then the only place the metrics answer, e.g. a port only the scraper's network reaches.
   */
  metricsPort?: number
  /** Default '127.0.0.1'. */
  metricsHost?: string
}

export type StartedGateway = {
  /** e.g. 'http://127.0.0.1:8080'; OpenAI clients take `${url}/v1`. */
  url: string
  port: number
  server: Server
  gateway: Gateway
  /** e.g. 'http://127.0.0.1:9464' when `metricsPort` was given. */
  metricsUrl: string | undefined
  /** Stops listening and drops open connections. What the options hold (store, queue, host) stays open. */
  close: () => Promise<void>
}

/**
 * Serves `createGateway(options)` over HTTP. Rejects with the listen error (EADDRINUSE) when the port is taken.
 *
 * @example
 * const { url, close } = await startGateway({ ...options, port: 0 })
 * const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey })
 */
export async function startGateway(options: StartGatewayOptions): Promise<StartedGateway> {
  const { port = 0, host = '127.0.0.1', metricsPort, metricsHost = '127.0.0.1', ...gatewayOptions } = options
  const gateway = createGateway(gatewayOptions)
  const server = await listen(gateway.app, port, host)
  const metricsServer =
    metricsPort === undefined
      ? undefined
      : await listen(gateway.metricsApp, metricsPort, metricsHost).catch(async (error: unknown) => {
          await stop(server)
          throw error
        })
  return {
    url: urlOf(server, host),
    port: (server.address() as AddressInfo).port,
    server,
    gateway,
    metricsUrl: metricsServer ? urlOf(metricsServer, metricsHost) : undefined,
    close: async () => {
      await stop(server)
      if (metricsServer) await stop(metricsServer)
      await gateway.close()
    },
  }
}

function listen(app: Gateway['app'], port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)))
  })
}

function urlOf(server: Server, host: string): string {
  const shown = host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${(server.address() as AddressInfo).port}`
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
