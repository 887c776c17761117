import { randomUUID } from 'node:crypto'
import { receiptId, receiptToJson, verifyReceipt } from '@openledger/attribution'
import { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { feeRouterAbi, openTokenAbi } from '@openledger/contracts'
import {
  claimContributorReward,
  getPosition,
  NothingToClaimError,
  proposeSetSplits,
  requestFeeWithdrawal,
  withdrawFees,
} from '@openledger/staking'
import { openStore, type Store } from '@openledger/store'
import type { Queue } from 'bullmq'
import { type Address, createTestClient, custom, type Hex, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { countPendingReceipts } from './ledger/countPendingReceipts.js'
import { getPayoutClaim } from './ledger/getPayoutClaim.js'
import { getReceiptStatus } from './ledger/getReceiptStatus.js'
import { getSpendable } from './ledger/getSpendable.js'
import { listEpochs } from './ledger/listEpochs.js'
import { recordUsage } from './ledger/recordUsage.js'
import { settlementSchema } from './ledger/settlementSchema.js'
import { enqueueUsage } from './queue/enqueueUsage.js'
import {
  type SettlementEvent,
  type SettlementWorker,
  startSettlementWorker,
} from './queue/startSettlementWorker.js'
import { settleNextEpoch } from './settle/settleNextEpoch.js'
import { ledgerOf, type Settler } from './settle/types.js'
import {
  adapterCreatorOne,
  adapterCreators,
  adapterCreatorTwo,
  alice,
  bob,
  CREATORS,
  type Scenario,
  SETTLER,
  scenarioReceipts,
  setUpScenario,
} from './testing/settlementScenario.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const BPS = { contributors: 4000n, agentCreator: 2000n, adapterCreators: 1000n, stakers: 2000n }
const share = (fees: bigint, bps: bigint) => (fees * bps) / 10_000n
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)

let env: DeployedDevnet
let testClient: ReturnType<typeof createTestClient>
let scenario: Scenario
let snapshot: Hex
let store: Store
let worker: SettlementWorker | undefined
let events: SettlementEvent[]

const token = (holder: Address) =>
  env.connection.publicClient.readContract({
    address: env.manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [holder],
  })
const prepaid = (holder: Address) =>
  env.connection.publicClient.readContract({
    address: env.manifest.contracts.FeeRouter,
    abi: feeRouterAbi,
    functionName: 'balanceOf',
    args: [holder],
  })

function settlerOf(): Settler {
  return {
    store,
    connection: env.connection,
    contracts: env.manifest.contracts,
    account: privateKeyToAccount(env.devnet.accounts[SETTLER]!.privateKey),
    treasury: env.manifest.treasurySafe.address,
    adapterCreators: async () => adapterCreators,
  }
}

/** Starts the worker on a Redis prefix of its own; resolves each event type when it first arrives. */
async function start(options: { epochReceipts: number }) {
  events = []
  worker = await startSettlementWorker({
    ...settlerOf(),
    redis: REDIS_URL,
    prefix: `test-settlement-${randomUUID()}`,
    epochSeconds: 3600,
    epochReceipts: options.epochReceipts,
    onEvent: (event) => events.push(event),
  })
  return worker
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = find()
    if (found !== undefined) return found
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}; events: ${events.map((e) => e.type).join(', ')}`)
}

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
})
afterEach(async () => {
  await worker?.close()
  worker = undefined
  await store.close()
  await testClient.revert({ id: snapshot })
})

async function obliterate(queue: Queue) {
  await queue.obliterate({ force: true })
}

describe('settlement end to end (devnet, Redis, real contracts)', () => {
  test('100 receipts over 3 agents settle in one transaction, every party paid to the wei; a contributor claims once', async () => {
    const metered = scenarioReceipts(scenario, 100)
    const { treasury } = settlerOf()
    const tracked = [
      treasury,
      alice,
      bob,
      adapterCreatorOne,
      adapterCreatorTwo,
      env.manifest.contracts.AgentStaking,
    ]
    const creators = CREATORS.map((i) => env.devnet.accounts[i]!.address)
    const before = new Map(
      await Promise.all([...tracked, ...creators].map(async (a) => [a, await token(a)] as const)),
    )
    const { usage } = await start({ epochReceipts: 100 })
    for (const m of metered) await enqueueUsage(usage, m)
    // A retried request meters the same receipt again: the queue and the ledger keep one.
    for (const m of metered.slice(0, 10)) await enqueueUsage(usage, m)
    const settled = await until(() => events.find((e) => e.type === 'epoch-settled'), 'the epoch to settle')
    expect(settled).toMatchObject({ epoch: 1n, receipts: 100, resumed: false })

    // One settlement transaction.
    const logs = await env.connection.publicClient.getContractEvents({
      address: env.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      eventName: 'EpochSettled',
      fromBlock: 0n,
    })
    expect(logs).toHaveLength(1)
    expect(logs[0]!.transactionHash).toBe(settled.txHash)

    // The split, computed here from the receipts alone.
    const feesOf = (agent: number) =>
      sum(metered.filter((m) => m.agentId === scenario.agentIds[agent]).map((m) => m.receipt.fee))
    const fees = [feesOf(0), feesOf(1), feesOf(2)]
    const total = sum(fees)
    const pools = metered.map((m) => ({ m, pool: share(m.receipt.fee, BPS.contributors) }))
    const full = sum(pools.filter(({ m }) => m.receipt.contributions.length === 1).map((p) => p.pool))
    const halves = sum(pools.filter(({ m }) => m.receipt.contributions.length === 2).map((p) => p.pool))
    const expected = {
      alice: full + halves / 2n,
      bob: halves / 2n,
      creators: fees.map((f) => share(f, BPS.agentCreator)),
      adapterOne: share(fees[0]!, BPS.adapterCreators),
      adapterTwo: share(fees[1]!, BPS.adapterCreators),
      staking: share(fees[0]!, BPS.stakers) + share(fees[1]!, BPS.stakers),
    }
    const contributorsPaid = expected.alice + expected.bob
    const treasuryGets =
      total -
      sum(expected.creators) -
      expected.adapterOne -
      expected.adapterTwo -
      expected.staking -
      contributorsPaid
    const gained = async (a: Address) => (await token(a)) - before.get(a)!
    for (const [i, creator] of creators.entries()) expect(await gained(creator)).toBe(expected.creators[i])
    expect(await gained(adapterCreatorOne)).toBe(expected.adapterOne)
    expect(await gained(adapterCreatorTwo)).toBe(expected.adapterTwo)
    expect(await gained(env.manifest.contracts.AgentStaking)).toBe(expected.staking)
    expect(await gained(treasury)).toBe(treasuryGets)
    // The treasury's part is at least its own 10%, agent 3's stakers' and adapter creators' shares.
    expect(treasuryGets >= share(total, 1000n) + share(fees[2]!, BPS.stakers + BPS.adapterCreators)).toBe(
      true,
    )
    for (const payer of scenario.payers) {
      const paid = sum(metered.filter((m) => m.receipt.payer === payer).map((m) => m.receipt.fee))
      expect(await prepaid(payer)).toBe(scenario.deposit - paid)
      const ledger = await getSpendable(store, ledgerOf(settlerOf()), payer)
      expect(ledger).toMatchObject({ balance: scenario.deposit - paid, unsettled: 0n })
    }
    // Stakers earn by stake: agent 1's creator holds 100 of 400, staker 7 holds 300.
    const stakersOfOne = [...scenario.stakes.get(scenario.agentIds[0])!]
    const rewardOne = share(fees[0]!, BPS.stakers)
    for (const [staker, amount] of stakersOfOne) {
      const { pendingReward } = await getPosition(env.connection, env.manifest.contracts, {
        agentId: scenario.agentIds[0],
        staker,
      })
      const exact = (rewardOne * amount) / 400_000_000_000_000_000_000n
      expect(exact - pendingReward <= 1n && pendingReward <= exact).toBe(true)
    }

    // A contributor claims with the ledger's proof, once.
    const claim = await getPayoutClaim(store, ledgerOf(settlerOf()), alice)
    expect(claim).toMatchObject({ cumulative: expected.alice, epoch: 1n })
    const claimer = privateKeyToAccount(env.devnet.accounts[3]!.privateKey)
    const paid = await claimContributorReward(env.connection, env.manifest.contracts, {
      account: claimer,
      beneficiary: alice,
      cumulative: claim!.cumulative,
      proof: claim!.proof,
    })
    expect(paid.amount).toBe(expected.alice)
    expect(await gained(alice)).toBe(expected.alice)
    await expect(
      claimContributorReward(env.connection, env.manifest.contracts, {
        account: claimer,
        beneficiary: alice,
        cumulative: claim!.cumulative,
        proof: claim!.proof,
      }),
    ).rejects.toThrow(NothingToClaimError)
    expect(await gained(alice)).toBe(expected.alice)

    // Any receipt proves against the root on-chain.
    const receipt = metered[42]!.receipt
    const status = await getReceiptStatus(store, ledgerOf(settlerOf()), receiptId(receipt))
    const onChain = await env.connection.publicClient.readContract({
      address: env.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'receiptsRootOf',
      args: [1n],
    })
    expect(verifyReceipt(receipt, status!.proof!, onChain)).toBe(true)
    await obliterate(usage)
  })

  test('a bad usage job fails at once, saying what is wrong, and meters nothing', async () => {
    const { usage } = await start({ epochReceipts: 1_000 })
    const [good] = scenarioReceipts(scenario, 1)
    const json = { ...receiptToJson(good!.receipt) }
    await usage.add('usage', { receipt: json, agentId: '0' }, { jobId: json.id })
    await usage.add(
      'usage',
      { receipt: { ...json, fee: '-5', id: undefined }, agentId: '1' },
      { jobId: 'bad-fee' },
    )
    await usage.add('usage', { receipt: { ...json, id: undefined }, agentId: '1' }, { jobId: 'not-its-id' })
    const failures = await until(() => {
      const failed = events.filter((e) => e.type === 'usage-failed')
      return failed.length === 3 ? failed : undefined
    }, 'three failed jobs')
    const messages = Object.fromEntries(failures.map((f) => [f.jobId, f.error.message]))
    expect(messages[json.id]).toBe(`Invalid usage job ${json.id}: agentId a positive decimal integer.`)
    expect(messages['bad-fee']).toMatch(/^Invalid usage job bad-fee: Invalid receipt: fee /)
    expect(messages['not-its-id']).toBe(
      `Invalid usage job not-its-id: its id must be the receipt id ${json.id}.`,
    )
    for (const id of [json.id, 'bad-fee', 'not-its-id'])
      expect((await usage.getJob(id))?.attemptsMade).toBe(1)
    expect(await countPendingReceipts(store, ledgerOf(settlerOf()))).toBe(0)
    await obliterate(usage)
  })

  test("receipts a payer's prepaid balance cannot cover are left out, the rest settle", async () => {
    const settler = settlerOf()
    const poor = scenario.payers[0]!
    const withdrawer = privateKeyToAccount(env.devnet.accounts[0]!.privateKey)
    // Leave the payer 2.5 OPEN: two of its 1-OPEN receipts fit, the rest do not.
    await requestFeeWithdrawal(env.connection, env.manifest.contracts, {
      account: withdrawer,
      amount: parseEther('97.5'),
    })
    await testClient.increaseTime({ seconds: 7 * 24 * 3600 })
    await testClient.mine({ blocks: 1 })
    await withdrawFees(env.connection, env.manifest.contracts, {
      account: withdrawer,
      amount: parseEther('97.5'),
    })
    const metered = scenarioReceipts(scenario, 12)
    for (const m of metered) await recordUsage(store, ledgerOf(settler), m)

    const settled = await settleNextEpoch(settler)
    const poorReceipts = metered.filter((m) => m.receipt.payer === poor)
    expect(settled?.epoch.receiptCount).toBe(12 - poorReceipts.length + 2)
    const statuses = await Promise.all(
      poorReceipts.map(
        async (m) => (await getReceiptStatus(store, ledgerOf(settler), receiptId(m.receipt)))?.status,
      ),
    )
    expect(statuses).toEqual(['settled', 'settled', ...poorReceipts.slice(2).map(() => 'unfunded')])
    const left = parseEther('2.5') - poorReceipts[0]!.receipt.fee - poorReceipts[1]!.receipt.fee
    expect(await prepaid(poor)).toBe(left)
    expect(await getSpendable(store, ledgerOf(settler), poor)).toMatchObject({ balance: left, unsettled: 0n })
  })

  test('an epoch written under splits the Safe has since changed is planned again before it is sent', async () => {
    let stop = true
    const settler: Settler = {
      ...settlerOf(),
      hooks: {
        afterEpochWritten: () => {
          if (stop) throw new Error('stopped after writing the epoch')
        },
      },
    }
    for (const m of scenarioReceipts(scenario, 9)) await recordUsage(store, ledgerOf(settler), m)
    await expect(settleNextEpoch(settler)).rejects.toThrow('stopped after writing the epoch')
    const [written] = await listEpochs(store, ledgerOf(settler))
    expect(written).toMatchObject({ status: 'built', splits: { adapterCreators: 1000 } })

    const splits = {
      contributors: 3000,
      agentCreator: 2000,
      adapterCreators: 2000,
      stakers: 2000,
      treasury: 1000,
    }
    const safeStore = await openStore({ databaseUrl: ':memory:' })
    const key = (i: number) => env.devnet.accounts[i]!.privateKey
    const { safeTxHash } = await proposeSetSplits(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeAddress: env.manifest.treasurySafe.address,
      contracts: env.manifest.contracts,
      proposerKey: key(0),
      splits,
    })
    await signSafeTransaction(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      signerKey: key(1),
    })
    await executeSafeTransaction(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      executorKey: key(0),
    })
    await safeStore.close()

    stop = false
    const settled = await settleNextEpoch(settler)
    expect(settled).toMatchObject({ resumed: false, epoch: { epoch: 1n, status: 'settled', splits } })
    expect(settled!.epoch.call.adapterCreators).not.toEqual(written!.call.adapterCreators)
  })
})
