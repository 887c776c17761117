/**
 * Foundation benchmark: devnet start, full deployment, and gas of a token transfer and of a 2-of-3 Safe
 * execution. Prints a table; asserts nothing (tests assert correctness, this measures).
 * Run: `npm run bench` (root) or `npx tsx packages/chain/bench/foundation.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import { openStore } from '@openledger/store'
import { encodeFunctionData } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  connectChain,
  createDevnet,
  deploy,
  devnetDeploymentConfig,
  executeSafeTransaction,
  proposeSafeTransaction,
  signSafeTransaction,
  startDevnetServer,
} from '../src/index.js'

const RUNS = 5

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const value = await fn()
  return [value, performance.now() - start]
}

async function once() {
  const [devnet, startMs] = await timed(() => createDevnet())
  const [server, serverMs] = await timed(() => startDevnetServer())
  await server.close()
  const connection = await connectChain({ rpc: devnet })
  const config = devnetDeploymentConfig(devnet.accounts)
  const directory = mkdtempSync(join(tmpdir(), 'openledger-bench-'))
  const [{ manifest }, deployMs] = await timed(() => deploy(connection, { ...config, directory }))
  rmSync(directory, { recursive: true, force: true })

  const holder = devnet.accounts[3]!
  const token = manifest.contracts.OpenToken
  const hash = await connection.walletClient(privateKeyToAccount(holder.privateKey)).writeContract({
    address: token,
    abi: openTokenAbi,
    functionName: 'transfer',
    args: [devnet.accounts[8]!.address, WEI_PER_OPEN],
  })
  const transferGas = (await connection.publicClient.waitForTransactionReceipt({ hash })).gasUsed

  const store = await openStore({ databaseUrl: ':memory:' })
  const data = encodeFunctionData({
    abi: openTokenAbi,
    functionName: 'transfer',
    args: [devnet.accounts[8]!.address, WEI_PER_OPEN],
  })
  const infrastructure = manifest.safe
  const { safeTxHash } = await proposeSafeTransaction(connection, store, {
    infrastructure,
    safeAddress: manifest.treasurySafe.address,
    proposerKey: devnet.accounts[0]!.privateKey,
    calls: [{ to: token, data }],
  })
  await signSafeTransaction(connection, store, {
    infrastructure,
    safeTxHash,
    signerKey: devnet.accounts[1]!.privateKey,
  })
  const [{ gasUsed: safeGas }, safeMs] = await timed(() =>
    executeSafeTransaction(connection, store, {
      infrastructure,
      safeTxHash,
      executorKey: devnet.accounts[0]!.privateKey,
    }),
  )
  await store.close()
  return { startMs, serverMs, deployMs, transferGas, safeGas, safeMs }
}

const runs: Awaited<ReturnType<typeof once>>[] = []
for (let i = 0; i < RUNS; i++) runs.push(await once())
const ms = (key: 'startMs' | 'serverMs' | 'deployMs' | 'safeMs') => median(runs.map((r) => r[key]))
const transferGas = runs[0]!.transferGas
const safeGas = runs[0]!.safeGas

const rows: [string, string, string][] = [
  ['devnet start (in-process EVM)', `${ms('startMs').toFixed(1)} ms`, ''],
  ['devnet start (EVM + JSON-RPC server)', `${ms('serverMs').toFixed(1)} ms`, ''],
  [
    'full deploy (Safe contracts + treasury Safe, OpenToken, DatanetRegistry, agents, FeeRouter)',
    `${ms('deployMs').toFixed(1)} ms`,
    '',
  ],
  ['2-of-3 Safe execution, wall time', `${ms('safeMs').toFixed(1)} ms`, ''],
  ['gas: OPEN transfer', `${transferGas}`, '1.00×'],
  [
    'gas: OPEN transfer through a 2-of-3 Safe',
    `${safeGas}`,
    `${(Number(safeGas) / Number(transferGas)).toFixed(2)}×`,
  ],
]
const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 6]
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`
console.log(`\nFoundation benchmark (median of ${RUNS} runs; gas is deterministic)\n`)
console.log(line(['measure', 'value', 'ratio']))
console.log(line(width.map((w) => '-'.repeat(w))))
for (const row of rows) console.log(line(row))
