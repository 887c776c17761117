import { randomUUID } from 'node:crypto'
import { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { feeRouterAbi, openTokenAbi } from '@openledger/contracts'
import { BaseError } from '@openledger/errors'
import { getSettlementState, proposeEpochVeto } from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import { type Address, createTestClient, custom, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { settlementSchema } from '../ledger/settlementSchema.js'
import type { LedgerRef } from '../ledger/tables.js'
import {
  type SettlementEvent,
  type SettlementWorker,
  startSettlementWorker,
} from '../queue/startSettlementWorker.js'
import { ledgerOf, type Settler } from '../settle/types.js'
import { adapterCreators, type Scenario, SETTLER, setUpScenario } from './settlementScenario.js'

/** A test waited 30 s for something the settlement worker never reported. */
export class WaitTimedOutError extends BaseError {
  override name = 'WaitTimedOutError'
  constructor(what: string, events: readonly SettlementEvent[]) {
    super(`Timed out waiting for ${what}; events: ${events.map((e) => e.type).join(', ') || 'none'}.`)
  }
}

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * For settlement's devnet tests (imports vitest; not exported): one devnet per file with the protocol deployed
 * and the settlement scenario set up, each test inside an EVM snapshot with a ledger of its own (SQLite in
 * memory), and the helpers the tests share.
 */
export function useSettlementDevnet() {
  let env: DeployedDevnet
  let testClient: ReturnType<typeof createTestClient>
  let scenario: Scenario
  let snapshot: Hex
  let store: Store
  let worker: SettlementWorker | undefined
  const events: SettlementEvent[] = []
  const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
  beforeAll(async () => {
    env = await deployedDevnet()
    testClient = createTestClient({
      mode: 'hardhat',
      transport: custom(env.devnet),
      chain: env.connection.chain,
    })
    scenario = await setUpScenario(env.connection, env.manifest, env.devnet.accounts)
  })
  afterAll(() => env?.cleanup())
  beforeEach(async () => {
    snapshot = await testClient.snapshot()
    store = await openStore({ databaseUrl: ':memory:', schemas: [settlementSchema] })
    events.length = 0
  })
  afterEach(async () => {
    await worker?.close()
    worker = undefined
    await store.close()
    await testClient.revert({ id: snapshot })
  })

  const t = {
    get env() {
      return env
    },
    get testClient() {
      return testClient
    },
    get scenario() {
      return scenario
    },
    get store() {
      return store
    },
    events,
    account,
    /** The settler (dev account 9, bonded by the scenario) on this test's ledger. */
    settler(overrides: Partial<Settler> = {}): Settler {
      return {
        store,
        connection: env.connection,
        contracts: env.manifest.contracts,
        account: account(SETTLER),
        treasury: env.manifest.treasurySafe.address,
        adapterCreators: async () => adapterCreators,
        ...overrides,
      }
    },
    ledger(): LedgerRef {
      return ledgerOf(t.settler())
    },
    /** Starts the worker on a Redis prefix of its own; its events land in `events`. */
    async start(options: { epochReceipts: number }): Promise<SettlementWorker> {
      worker = await startSettlementWorker({
        ...t.settler(),
        redis: TEST_REDIS_URL,
        prefix: `test-settlement-${randomUUID()}`,
        epochSeconds: 3600,
        epochReceipts: options.epochReceipts,
        onEvent: (event) => events.push(event),
      })
      return worker
    },
    /** Resolves with what `find` finds, polling; throws after 30 s naming the events seen. */
    async until<T>(find: () => T | undefined, what: string): Promise<T> {
      for (let i = 0; i < 600; i++) {
        const found = find()
        if (found !== undefined) return found
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new WaitTimedOutError(what, events)
    },
    /** OPEN held by `holder`. */
    token: (holder: Address) =>
      env.connection.publicClient.readContract({
        address: env.manifest.contracts.OpenToken,
        abi: openTokenAbi,
        functionName: 'balanceOf',
        args: [holder],
      }),
    /** `holder`'s prepaid balance in FeeRouter. */
    prepaid: (holder: Address) =>
      env.connection.publicClient.readContract({
        address: env.manifest.contracts.FeeRouter,
        abi: feeRouterAbi,
        functionName: 'balanceOf',
        args: [holder],
      }),
    /** Moves the devnet's clock past the pending epoch's dispute window and mines a block. */
    async passDisputeWindow(): Promise<void> {
      const { disputeWindow } = await getSettlementState(env.connection, env.manifest.contracts)
      await testClient.increaseTime({ seconds: Number(disputeWindow) + 1 })
      await testClient.mine({ blocks: 1 })
    },
    /** Vetoes `epoch` through the treasury Safe: proposed by owner 0, signed by owner 1, executed by owner 0. */
    async vetoThroughSafe(epoch: bigint, slash: bigint): Promise<Hex> {
      const key = (i: number) => env.devnet.accounts[i]!.privateKey
      const infrastructure = env.manifest.safe
      const safeStore = await openStore({ databaseUrl: ':memory:' })
      try {
        const { safeTxHash } = await proposeEpochVeto(env.connection, safeStore, {
          infrastructure,
          safeAddress: env.manifest.treasurySafe.address,
          contracts: env.manifest.contracts,
          proposerKey: key(0),
          epoch,
          slash,
        })
        await signSafeTransaction(env.connection, safeStore, {
          infrastructure,
          safeTxHash,
          signerKey: key(1),
        })
        const { txHash } = await executeSafeTransaction(env.connection, safeStore, {
          infrastructure,
          safeTxHash,
          executorKey: key(0),
        })
        return txHash
      } finally {
        await safeStore.close()
      }
    },
  }
  return t
}
