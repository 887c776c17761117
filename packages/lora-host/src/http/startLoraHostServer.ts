import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LoraHost } from '../host/LoraHost.js'
import { createLoraHostApp, type LoraHostAppOptions } from './createLoraHostApp.js'

export type StartLoraHostServerOptions = LoraHostAppOptions & {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default '127.0.0.1': the adapter routes administer the host, so keep it off public interfaces. */
  hostname?: string
}

export type LoraHostServer = {
  /** e.g. 'http://127.0.0.1:8000' (no trailing slash); OpenAI clients take `${url}/v1`. */
  url: string
  port: number
  server: Server
  /** Stops listening and drops open connections (their generations are cancelled). The host stays open. */
  close: () => Promise<void>
}

/**
 * Serves `createLoraHostApp(host)` over HTTP. Rejects with the listen error (EADDRINUSE) when the port is taken.
 *
 * @example
 * const server = await startLoraHostServer(host, { port: 0 })
 * const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused' })
 * await server.close()
 */
export async function startLoraHostServer(
  host: LoraHost,
  options: StartLoraHostServerOptions = {},
): Promise<LoraHostServer> {
  const { port = 0, hostname = '127.0.0.1', ...appOptions } = options
  const app = createLoraHostApp(host, appOptions)
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, hostname, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    )
  })
  const bound = (server.address() as AddressInfo).port
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname
  return {
    url: `http://${shown}:${bound}`,
    port: bound,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
