import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGateway, type Gateway } from './createGateway.js'
import type { GatewayOptions } from './GatewayOptions.js'

export type StartGatewayOptions = GatewayOptions & {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
}

export type StartedGateway = {
  /** e.g. 'http://127.0.0.1:8080'; OpenAI clients take `${url}/v1`. */
  url: string
  port: number
  server: Server
  gateway: Gateway
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
  const { port = 0, host = '127.0.0.1', ...gatewayOptions } = options
  const gateway = createGateway(gatewayOptions)
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = gateway.app.listen(port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    )
  })
  const bound = (server.address() as AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shown}:${bound}`,
    port: bound,
    server,
    gateway,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      await gateway.close()
    },
  }
}
