import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RpcRequestError } from 'viem'
import { type CreateDevnetParameters, createDevnet, type Devnet } from './createDevnet.js'

export type StartDevnetServerParameters = CreateDevnetParameters & {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Loopback only unless told otherwise; default 127.0.0.1. */
  host?: string
  /**
   * Mine an empty block whenever no block was mined for this many seconds (default: never; blocks are mined
   * only for transactions). Keeps block time close to the clock on an idle devnet, so what waits for block
   * time (a dispute window, an unbonding period) comes due without a transaction to carry it.
   */
  idleBlockSeconds?: number
}

export type DevnetServer = {
  devnet: Devnet
  url: string
  port: number
  close: () => Promise<void>
}

type JsonRpcRequest = { jsonrpc?: string; id?: number | string | null; method?: unknown; params?: unknown }
const MAX_BODY_BYTES = 32 * 1024 * 1024

/**
 * The long-running devnet: an in-process EVM behind a JSON-RPC server over HTTP (batches included) on
 * loopback. Any EVM tool (viem, protocol-kit, a wallet) can use its URL.
 *
 * @example
 * const server = await startDevnetServer({ port: 8545 })
 * console.log(server.url) // http://127.0.0.1:8545
 * await server.close()
 */
export async function startDevnetServer(parameters: StartDevnetServerParameters = {}): Promise<DevnetServer> {
  const { port = 0, host = '127.0.0.1', idleBlockSeconds, ...devnetParameters } = parameters
  const devnet = await createDevnet(devnetParameters)
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS' || req.method === 'GET') {
      res.writeHead(req.method === 'GET' ? 200 : 204, corsHeaders()).end(req.method === 'GET' ? 'ok\n' : '')
      return
    }
    if (req.method !== 'POST') {
      res.writeHead(405, corsHeaders()).end()
      return
    }
    void answer(devnet, req).then((body) =>
      res.writeHead(200, { ...corsHeaders(), 'content-type': 'application/json' }).end(body),
    )
  })
  await listen(server, port, host)
  const actualPort = (server.address() as AddressInfo).port
  const stopMining = idleBlockSeconds ? mineWhenIdle(devnet, idleBlockSeconds) : () => {}
  return {
    devnet,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    close: () => {
      stopMining()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** Mines an empty block whenever the latest is `seconds` old; returns the stop. */
function mineWhenIdle(devnet: Devnet, seconds: number): () => void {
  const timer = setInterval(
    async () => {
      try {
        const latest = (await devnet.request({
          method: 'eth_getBlockByNumber',
          params: ['latest', false],
        })) as {
          timestamp: `0x${string}`
        }
        if (Date.now() / 1000 - Number(BigInt(latest.timestamp)) >= seconds)
          await devnet.request({ method: 'evm_mine', params: [] } as never)
      } catch {
        // The next tick tries again; a devnet that cannot mine shows it on its next transaction.
      }
    },
    (seconds * 1000) / 2,
  )
  timer.unref()
  return () => clearInterval(timer)
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-allow-methods': 'POST, GET, OPTIONS',
  }
}

async function answer(devnet: Devnet, req: IncomingMessage): Promise<string> {
  let raw = ''
  for await (const chunk of req) {
    raw += chunk
    if (raw.length > MAX_BODY_BYTES) return JSON.stringify(failure(null, -32600, 'request body too large'))
  }
  let message: unknown
  try {
    message = JSON.parse(raw)
  } catch {
    return JSON.stringify(failure(null, -32700, 'parse error: body is not JSON'))
  }
  if (Array.isArray(message)) {
    if (message.length === 0) return JSON.stringify(failure(null, -32600, 'empty batch'))
    return JSON.stringify(await Promise.all(message.map((m) => one(devnet, m as JsonRpcRequest))))
  }
  return JSON.stringify(await one(devnet, message as JsonRpcRequest))
}

async function one(devnet: Devnet, request: JsonRpcRequest) {
  const id = request?.id ?? null
  if (typeof request !== 'object' || request === null || typeof request.method !== 'string') {
    return failure(id, -32600, 'invalid request: method must be a string')
  }
  try {
    const result = await devnet.request({ method: request.method, params: request.params } as never)
    return { jsonrpc: '2.0', id, result }
  } catch (error) {
    if (error instanceof RpcRequestError) {
      const { code, data } = error as RpcRequestError & { data?: unknown }
      return failure(id, code, error.details, data)
    }
    return failure(id, -32603, error instanceof Error ? error.message : String(error))
  }
}

function failure(id: JsonRpcRequest['id'], code: number, message: string, data?: unknown) {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } }
}
