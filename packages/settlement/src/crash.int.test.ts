import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type ChainConnection,
  connectChain,
  type DevnetServer,
  deploy,
  devnetDeploymentConfig,
  type Manifest,
  startDevnetServer,
} from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { openStore, type Store } from '@openledger/store'
import { type Address, createTestClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getSpendable } from './ledger/getSpendable.js'
import { listEpochs } from './ledger/listEpochs.js'
import { settlementSchema } from './ledger/settlementSchema.js'
import { enqueueUsage } from './queue/enqueueUsage.js'
import { usageQueue } from './queue/queues.js'
import { type SettlementWorker, startSettlementWorker } from './queue/startSettlementWorker.js'
import { settleNextEpoch } from './settle/settleNextEpoch.js'
import { ledgerOf, type Settler } from './settle/types.js'
import type { CrashingSettlerOptions } from './testing/crashingSettler.js'
import {
  adapterCreators,
  type Scenario,
  SETTLER,
  scenarioReceipts,
  setUpScenario,
} from './testing/settlementScenario.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const crashingSettler = fileURLToPath(new URL('./testing/crashingSettler.ts', import.meta.url))

let server: DevnetServer
let connection: ChainConnection
let manifest: Manifest
let scenario: Scenario
let testClient: ReturnType<typeof createTestClient>
let snapshot: Hex
let directory: string
let store: Store
let worker: SettlementWorker | undefined

const settlerKey = () => server.devnet.accounts[SETTLER]!.privateKey

beforeAll(async () => {
  server = await startDevnetServer()
  connection = await connectChain({ rpc: server.url })
  directory = mkdtempSync(join(tmpdir(), 'openledger-crash-'))
  ;({ manifest } = await deploy(connection, { ...devnetDeploymentConfig(server.devnet.accounts), directory }))
  scenario = await setUpScenario(connection, manifest, server.devnet.accounts)
  testClient = createTestClient({ mode: 'hardhat', transport: http(server.url), chain: connection.chain })
})
afterAll(async () => {
  await server?.close()
  rmSync(directory, { recursive: true, force: true })
})
beforeEach(async () => {
  snapshot = await testClient.snapshot()
})
afterEach(async () => {
  await worker?.close()
  worker = undefined
  await store?.close()
  await testClient.revert({ id: snapshot })
})

/** Runs the crashing settler until it kills itself; resolves with its output. Bounded at 45 s. */
function runUntilCrash(options: CrashingSettlerOptions): Promise<{ signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', crashingSettler], {
      env: { ...process.env, CRASHING_SETTLER: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the settler never crashed; stdout: ${stdout}; stderr: ${stderr}`))
    }, 45_000)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve({ signal, stdout })
    })
  })
}

const settledEvents = () =>
  connection.publicClient.getContractEvents({
    address: manifest.contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName: 'EpochSettled',
    fromBlock: 0n,
  })

describe.each([
  ['after settleEpoch is mined, before the ledger marks it settled', 'afterSettleMined'],
  ['after the epoch is written ahead, before it is sent', 'afterEpochWritten'],
] as const)('a settler killed %s', (_when, crashAt) => {
  test('restarts without settling twice, and the ledger matches the chain', async () => {
    const databaseUrl = `sqlite:${join(directory, `${randomUUID()}.sqlite`)}`
    const prefix = `test-crash-${randomUUID()}`
    const metered = scenarioReceipts(scenario, 100)
    const usage = usageQueue({ redis: REDIS_URL, prefix })
    for (const m of metered) await enqueueUsage(usage, m)
    await usage.close()

    const crashed = await runUntilCrash({
      rpcUrl: server.url,
      databaseUrl,
      redisUrl: REDIS_URL,
      prefix,
      feeRouter: manifest.contracts.FeeRouter,
      treasury: manifest.treasurySafe.address,
      settlerKey: settlerKey(),
      epochReceipts: 100,
      crashAt,
    })
    expect(crashed.signal).toBe('SIGKILL')
    expect(crashed.stdout).toContain(`crashing at ${crashAt}`)
    expect(await settledEvents()).toHaveLength(crashAt === 'afterSettleMined' ? 1 : 0)

    store = await openStore({ databaseUrl, schemas: [settlementSchema] })
    const settler: Settler = {
      store,
      connection,
      contracts: manifest.contracts,
      account: privateKeyToAccount(settlerKey()),
      treasury: manifest.treasurySafe.address,
      adapterCreators: async () => adapterCreators,
    }
    const ledger = ledgerOf(settler)
    const [written] = await listEpochs(store, ledger)
    expect(written?.status).toBe(crashAt === 'afterSettleMined' ? 'sent' : 'built')

    worker = await startSettlementWorker({ ...settler, redis: REDIS_URL, prefix, epochSeconds: 3600 })
    if (crashAt === 'afterSettleMined') {
      expect(worker.reconciled).toMatchObject({ chainLastEpoch: 1n, confirmed: [1n], unsent: undefined })
      expect(worker.resumed).toBeUndefined()
    } else {
      expect(worker.reconciled).toMatchObject({ chainLastEpoch: 0n, confirmed: [], unsent: 1n })
      expect(worker.resumed).toMatchObject({ resumed: true, epoch: { epoch: 1n, status: 'settled' } })
    }
    // Nothing waits, so settling again settles nothing.
    expect(await settleNextEpoch(settler)).toBeUndefined()

    const events = await settledEvents()
    expect(events).toHaveLength(1)
    const [epoch] = await listEpochs(store, ledger)
    expect(epoch).toMatchObject({
      epoch: 1n,
      status: 'settled',
      receiptCount: 100,
      receiptsRoot: written!.receiptsRoot,
      txHash: events[0]!.transactionHash,
      blockNumber: events[0]!.blockNumber,
    })
    expect(events[0]!.args).toMatchObject({
      receiptsRoot: written!.receiptsRoot,
      payoutsRoot: written!.payoutsRoot,
    })
    for (const payer of scenario.payers as Address[]) {
      const onChain = await connection.publicClient.readContract({
        address: manifest.contracts.FeeRouter,
        abi: feeRouterAbi,
        functionName: 'balanceOf',
        args: [payer],
      })
      expect(await getSpendable(store, ledger, payer)).toMatchObject({ balance: onChain, unsettled: 0n })
    }
    await usageQueue({ redis: REDIS_URL, prefix }).obliterate({ force: true })
  })
})
