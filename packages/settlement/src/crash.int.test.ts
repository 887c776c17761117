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
  executeSafeTransaction,
  type Manifest,
  signSafeTransaction,
  startDevnetServer,
} from '@openledger/chain'
import { feeRouterAbi, openTokenAbi } from '@openledger/contracts'
import { getSettlementState, proposeEpochVeto } from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import { type Address, createTestClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { countPendingReceipts } from './ledger/countPendingReceipts.js'
import { getSpendable } from './ledger/getSpendable.js'
import { listEpochs } from './ledger/listEpochs.js'
import { settlementSchema } from './ledger/settlementSchema.js'
import { enqueueUsage } from './queue/enqueueUsage.js'
import { epochQueue, usageQueue } from './queue/queues.js'
import { type SettlementWorker, startSettlementWorker } from './queue/startSettlementWorker.js'
import { settleNextEpoch } from './settle/settleNextEpoch.js'
import { ledgerOf, type Settler, type SettlerHooks } from './settle/types.js'
import type { CrashingSettlerOptions } from './testing/crashingSettler.js'
import {
  adapterCreators,
  CREATORS,
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

const key = (i: number) => server.devnet.accounts[i]!.privateKey

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

/**
 * Runs the crashing settler until it kills itself; resolves with its output. When it reports `epoch-posted`,
 * `afterPost` runs (to move the chain on: pass the window, veto) and an epoch job is queued so it acts on it.
 * Bounded at 60 s.
 */
function runUntilCrash(
  options: CrashingSettlerOptions,
  afterPost: () => Promise<void>,
): Promise<{ signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', crashingSettler], {
      env: { ...process.env, CRASHING_SETTLER: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let nudged = false
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (nudged || !stdout.includes('epoch-posted') || options.crashAt === 'afterEpochWritten') return
      nudged = true
      const epochs = epochQueue({ redis: REDIS_URL, prefix: options.prefix })
      afterPost()
        .then(() => epochs.add('close-epoch', {}))
        .then(() => epochs.close())
        .catch(reject)
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the settler never crashed; stdout: ${stdout}; stderr: ${stderr}`))
    }, 60_000)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve({ signal, stdout })
    })
  })
}

const eventsNamed = (eventName: 'EpochPosted' | 'EpochFinalized' | 'ChargesRefunded') =>
  connection.publicClient.getContractEvents({
    address: manifest.contracts.FeeRouter,
    abi: feeRouterAbi,
    eventName,
    fromBlock: 0n,
  })
const token = (holder: Address) =>
  connection.publicClient.readContract({
    address: manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [holder],
  })

async function passDisputeWindow() {
  const { disputeWindow } = await getSettlementState(connection, manifest.contracts)
  await testClient.increaseTime({ seconds: Number(disputeWindow) + 1 })
  await testClient.mine({ blocks: 1 })
}

async function vetoThroughSafe() {
  const safeStore = await openStore({ databaseUrl: ':memory:' })
  const infrastructure = manifest.safe
  try {
    const { safeTxHash } = await proposeEpochVeto(connection, safeStore, {
      infrastructure,
      safeAddress: manifest.treasurySafe.address,
      contracts: manifest.contracts,
      proposerKey: key(0),
      epoch: 1n,
      slash: 0n,
    })
    await signSafeTransaction(connection, safeStore, { infrastructure, safeTxHash, signerKey: key(1) })
    await executeSafeTransaction(connection, safeStore, { infrastructure, safeTxHash, executorKey: key(0) })
  } finally {
    await safeStore.close()
  }
}

type CrashPoint = keyof SettlerHooks
const expectations: Record<
  CrashPoint,
  { status: string; posted: number; reconciled: object; after: () => Promise<void> }
> = {
  afterEpochWritten: {
    status: 'built',
    posted: 0,
    reconciled: { chainLastEpoch: 0n, confirmed: [], unsent: 1n },
    after: async () => {},
  },
  afterPostMined: {
    status: 'sent',
    posted: 1,
    reconciled: { chainLastEpoch: 1n, confirmed: [1n], unsent: undefined },
    after: async () => {},
  },
  afterFinalizeMined: {
    status: 'posted',
    posted: 1,
    reconciled: { chainLastEpoch: 1n, confirmed: [], finalized: [1n], unsent: undefined },
    after: passDisputeWindow,
  },
  afterRefundMined: {
    status: 'posted',
    posted: 1,
    reconciled: { chainLastEpoch: 1n, confirmed: [], vetoed: [1n], unsent: undefined },
    after: vetoThroughSafe,
  },
}

describe.each([
  ['after the epoch is written ahead, before it is sent', 'afterEpochWritten'],
  ['after postEpoch is mined, before the ledger marks it posted', 'afterPostMined'],
  ['after finalizeEpoch is mined, before the ledger marks it final', 'afterFinalizeMined'],
  ['after refundCharges is mined, before the ledger marks it vetoed', 'afterRefundMined'],
] as const)('a settler killed %s', (_when, crashAt) => {
  test('restarts without posting, paying or refunding twice, and the ledger matches the chain', async () => {
    const expected = expectations[crashAt]
    const databaseUrl = `sqlite:${join(directory, `${randomUUID()}.sqlite`)}`
    const prefix = `test-crash-${randomUUID()}`
    const metered = scenarioReceipts(scenario, 100)
    const usage = usageQueue({ redis: REDIS_URL, prefix })
    for (const m of metered) await enqueueUsage(usage, m)
    await usage.close()
    const creator = privateKeyToAccount(key(CREATORS[0])).address
    const creatorBefore = await token(creator)

    const crashed = await runUntilCrash(
      {
        rpcUrl: server.url,
        databaseUrl,
        redisUrl: REDIS_URL,
        prefix,
        feeRouter: manifest.contracts.FeeRouter,
        treasury: manifest.treasurySafe.address,
        settlerKey: key(SETTLER),
        epochReceipts: 100,
        crashAt,
      },
      expected.after,
    )
    expect(crashed.signal).toBe('SIGKILL')
    expect(crashed.stdout).toContain(`crashing at ${crashAt}`)
    expect(await eventsNamed('EpochPosted')).toHaveLength(expected.posted)

    store = await openStore({ databaseUrl, schemas: [settlementSchema] })
    const settler: Settler = {
      store,
      connection,
      contracts: manifest.contracts,
      account: privateKeyToAccount(key(SETTLER)),
      treasury: manifest.treasurySafe.address,
      adapterCreators: async () => adapterCreators,
    }
    const ledger = ledgerOf(settler)
    const [written] = await listEpochs(store, ledger)
    expect(written?.status).toBe(expected.status)

    worker = await startSettlementWorker({ ...settler, redis: REDIS_URL, prefix, epochSeconds: 3600 })
    expect(worker.reconciled).toMatchObject(expected.reconciled)
    if (crashAt === 'afterEpochWritten')
      expect(worker.resumed?.posted).toMatchObject({ epoch: 1n, status: 'posted' })
    else expect(worker.resumed).toBeUndefined()

    const [epoch] = await listEpochs(store, ledger)
    const posts = await eventsNamed('EpochPosted')
    expect(posts).toHaveLength(1)
    expect(epoch).toMatchObject({
      epoch: 1n,
      receiptCount: 100,
      receiptsRoot: written!.receiptsRoot,
      txHash: posts[0]!.transactionHash,
      blockNumber: posts[0]!.blockNumber,
    })
    expect(posts[0]!.args).toMatchObject({
      receiptsRoot: written!.receiptsRoot,
      payoutsRoot: written!.payoutsRoot,
    })
    // Finalised once and paid once; refunded once.
    const finalized = await eventsNamed('EpochFinalized')
    const refunded = await eventsNamed('ChargesRefunded')
    expect(finalized).toHaveLength(crashAt === 'afterFinalizeMined' ? 1 : 0)
    expect(refunded).toHaveLength(crashAt === 'afterRefundMined' ? 1 : 0)
    const agentOneFees = epoch!.call.agents.find((a) => a.agentId === scenario.agentIds[0])!.fees
    expect((await token(creator)) - creatorBefore).toBe(
      crashAt === 'afterFinalizeMined' ? (agentOneFees * 2000n) / 10_000n : 0n,
    )
    if (crashAt === 'afterFinalizeMined')
      expect(epoch).toMatchObject({ status: 'final', finalTxHash: finalized[0]!.transactionHash })
    if (crashAt === 'afterRefundMined') {
      expect(epoch).toMatchObject({ status: 'vetoed', refundTxHash: refunded[0]!.transactionHash })
      expect(await countPendingReceipts(store, ledger)).toBe(100)
    } else expect(await settleNextEpoch(settler)).toBeUndefined() // nothing waits, nothing is due

    for (const payer of scenario.payers) {
      const onChain = await connection.publicClient.readContract({
        address: manifest.contracts.FeeRouter,
        abi: feeRouterAbi,
        functionName: 'balanceOf',
        args: [payer],
      })
      const owed =
        crashAt === 'afterRefundMined' ? epoch!.call.charges.find((c) => c.payer === payer)!.amount : 0n
      expect(await getSpendable(store, ledger, payer)).toMatchObject({ balance: onChain, unsettled: owed })
    }
    await usageQueue({ redis: REDIS_URL, prefix }).obliterate({ force: true })
  })
})
