import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTokenAbi, openTokenBytecode } from '@openledger/contracts'
import {
  createPublicClient,
  createTestClient,
  decodeErrorResult,
  encodeFunctionData,
  getAddress,
  getContract,
  type Hex,
  http,
  toFunctionSelector,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccounts } from '../accounts.js'
import { connectChain } from '../connectChain.js'
import { deploy } from '../deploy/deploy.js'
import { deployContract } from '../deploy/deployContract.js'
import { devnetDeploymentConfig } from '../devnetDefaults.js'
import { TOTAL_SUPPLY } from '../genesis.js'
import { verifyManifest } from '../manifest/verifyManifest.js'
import { revertOf } from '../testing/revertOf.js'
import { type DevnetServer, startDevnetServer } from './startDevnetServer.js'

type JsonRpcResponse = {
  jsonrpc: '2.0'
  id: unknown
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
}

const DEV_BALANCE = 10n ** 22n
const accounts = devAccounts()
let server: DevnetServer

async function post(body: string): Promise<JsonRpcResponse | JsonRpcResponse[]> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  expect(response.status).toBe(200)
  return (await response.json()) as JsonRpcResponse | JsonRpcResponse[]
}
const rpc = async (method: string, params: unknown[] = []) =>
  (await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))) as JsonRpcResponse
const result = async (method: string, params: unknown[] = []) => {
  const response = await rpc(method, params)
  expect(response.error).toBeUndefined()
  return response.result
}
const balanceOf = async (address: string) =>
  BigInt((await result('eth_getBalance', [address, 'latest'])) as Hex)
/** Resolves with the socket error code of a TCP connection attempt, or 'connected'. */
const tryConnect = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port })
    const done = (outcome: string) => {
      socket.destroy()
      resolve(outcome)
    }
    socket.once('connect', () => done('connected'))
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message))
    socket.setTimeout(2_000, () => done('timeout'))
  })

/** Runs `test` and then puts the chain back as it was, so tests that send transactions leave no trace. */
async function leavingNoTrace(test: () => Promise<void>) {
  const snapshot = await result('evm_snapshot')
  try {
    await test()
  } finally {
    await result('evm_revert', [snapshot])
  }
}

beforeAll(async () => {
  server = await startDevnetServer()
})
afterAll(async () => {
  await server?.close()
})

describe('startDevnetServer', () => {
  it('listens on a free port of 127.0.0.1 only', async () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(await (await fetch(server.url)).text()).toBe('ok\n')
    expect(await tryConnect('127.0.0.1', server.port)).toBe('connected')
    // Every other address of this machine (IPv6 loopback, LAN), link-local ones aside (they need a scope id).
    const others = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((i) => i.address)
      .filter((address) => address !== '127.0.0.1' && !address.startsWith('fe80:'))
    for (const address of others)
      expect([address, await tryConnect(address, server.port)]).toEqual([address, 'ECONNREFUSED'])
  })

  it('answers chain id 31337 and funds the dev accounts, over fetch and over viem http()', async () => {
    expect(await rpc('eth_chainId')).toEqual({ jsonrpc: '2.0', id: 1, result: '0x7a69' })
    const client = createPublicClient({ transport: http(server.url) })
    expect(await client.getChainId()).toBe(31337)
    expect(((await result('eth_accounts')) as string[]).map((a) => getAddress(a))).toEqual(
      accounts.map((a) => a.address),
    )
    for (const { address } of accounts) {
      expect(await balanceOf(address)).toBe(DEV_BALANCE)
      expect(await client.getBalance({ address })).toBe(DEV_BALANCE)
    }
  })

  it('answers a batch with an array in request order, an invalid member with its own error', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 'a', method: 'eth_chainId' },
      { jsonrpc: '2.0', id: 2, method: 'eth_getBalance', params: [accounts[0]!.address, 'latest'] },
      { jsonrpc: '2.0', id: 3 },
      { jsonrpc: '2.0', id: 4, method: 'net_version' },
    ]
    expect(await post(JSON.stringify(batch))).toEqual([
      { jsonrpc: '2.0', id: 'a', result: '0x7a69' },
      { jsonrpc: '2.0', id: 2, result: toHex(DEV_BALANCE) },
      { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'invalid request: method must be a string' } },
      { jsonrpc: '2.0', id: 4, result: '31337' },
    ])
    expect(await post('[]')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'empty batch' },
    })
  })

  it('refuses a body that is not JSON with -32700 and a request without a method with -32600', async () => {
    expect(await post('{"jsonrpc":"2.0","id":1,')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'parse error: body is not JSON' },
    })
    expect(await post('{"jsonrpc":"2.0","id":7}')).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32600, message: 'invalid request: method must be a string' },
    })
  })

  it('restores a balance set with hardhat_setBalance on evm_revert', async () => {
    const address = accounts[9]!.address
    const snapshot = await result('evm_snapshot')
    expect(await result('hardhat_setBalance', [address, '0x1'])).toBe(true)
    expect(await balanceOf(address)).toBe(1n)
    expect(await result('evm_revert', [snapshot])).toBe(true)
    expect(await balanceOf(address)).toBe(DEV_BALANCE)
  })

  it('moves the block timestamp by at least evm_increaseTime on evm_mine', async () => {
    const client = createPublicClient({ transport: http(server.url) })
    const before = (await client.getBlock()).timestamp
    expect(await result('evm_increaseTime', [3600])).toBe('3600')
    await result('evm_mine')
    expect((await client.getBlock()).timestamp - before).toBeGreaterThanOrEqual(3600n)
    await createTestClient({ mode: 'hardhat', transport: http(server.url) }).increaseTime({ seconds: 86_400 })
    await createTestClient({ mode: 'hardhat', transport: http(server.url) }).mine({ blocks: 1 })
    expect((await client.getBlock()).timestamp - before).toBeGreaterThanOrEqual(3600n + 86_400n)
  })

  it('mines an empty block on its own when idle for idleBlockSeconds, and stops on close', async () => {
    const idle = await startDevnetServer({ idleBlockSeconds: 1 })
    const client = createPublicClient({ transport: http(idle.url) })
    try {
      const first = await client.getBlockNumber()
      let latest = first
      for (let i = 0; i < 100 && latest === first; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        latest = await client.getBlockNumber()
      }
      expect(latest).toBeGreaterThan(first)
      const { timestamp } = await client.getBlock()
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5)
    } finally {
      await idle.close()
    }
  })

  it('returns a revert as error code 3 with the revert data, which viem decodes', () =>
    leavingNoTrace(async () => {
      const connection = await connectChain({ rpc: server.url })
      const deployer = privateKeyToAccount(accounts[0]!.privateKey)
      const token = await deployContract(connection, deployer, {
        abi: openTokenAbi,
        bytecode: openTokenBytecode,
        args: [[deployer.address], [TOTAL_SUPPLY]],
      })
      const future = 2n ** 40n
      const data = encodeFunctionData({
        abi: openTokenAbi,
        functionName: 'getPastVotes',
        args: [deployer.address, future],
      })
      const { error } = await rpc('eth_call', [{ to: token, data }, 'latest'])
      expect(error).toMatchObject({ code: 3, data: expect.stringMatching(/^0x[0-9a-f]+$/) })
      const revert = error!.data as Hex
      expect(revert.slice(0, 10)).toBe(toFunctionSelector('ERC5805FutureLookup(uint256,uint48)'))
      const clock = Number((await connection.publicClient.getBlock()).timestamp)
      expect(decodeErrorResult({ abi: openTokenAbi, data: revert })).toMatchObject({
        errorName: 'ERC5805FutureLookup',
        args: [future, clock],
      })
      const read = connection.publicClient.readContract({
        address: token,
        abi: openTokenAbi,
        functionName: 'getPastVotes',
        args: [deployer.address, future],
      })
      expect(await revertOf(read)).toEqual({ errorName: 'ERC5805FutureLookup', args: [future, clock] })
    }))

  it('deploys the protocol over its URL, and reuses the deployment the second time', () =>
    leavingNoTrace(async () => {
      const directory = mkdtempSync(join(tmpdir(), 'openledger-http-'))
      try {
        const connection = await connectChain({ rpc: server.url })
        expect(connection.provider).toBe(server.url)
        const config = { ...devnetDeploymentConfig(server.devnet.accounts), directory }
        const first = await deploy(connection, config)
        expect(first.reused).toBe(false)
        expect(first.manifest.chainId).toBe(31337)
        await verifyManifest(connection.publicClient, first.manifest)
        const token = getContract({
          address: first.manifest.contracts.OpenToken,
          abi: openTokenAbi,
          client: connection.publicClient,
        })
        expect(await token.read.totalSupply()).toBe(TOTAL_SUPPLY)
        expect(await token.read.balanceOf([first.manifest.treasurySafe.address])).toBe(
          (TOTAL_SUPPLY * 517n) / 1000n,
        )
        const second = await deploy(connection, config)
        expect(second).toEqual({ ...first, reused: true })
      } finally {
        rmSync(directory, { recursive: true, force: true })
      }
    }))

  it('frees its port on close()', async () => {
    const other = await startDevnetServer({ port: 0 })
    expect(await (await fetch(other.url)).text()).toBe('ok\n')
    await other.close()
    expect(await tryConnect('127.0.0.1', other.port)).toBe('ECONNREFUSED')
    const probe = createServer()
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen(other.port, '127.0.0.1', resolve)
    })
    await new Promise((resolve) => probe.close(resolve))
  })
})
