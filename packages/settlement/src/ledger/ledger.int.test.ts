import { receiptId, verifyPayout, verifyReceipt } from '@openledger/attribution'
import { sampleReceipt } from '@openledger/attribution/testing'
import { openStore, type Store } from '@openledger/store'
import { type Address, getAddress, type Hex, keccak256, pad, toHex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { planSettlement } from '../plan/planSettlement.js'
import { forgetLedger } from './forgetLedger.js'
import { getPayoutClaim } from './getPayoutClaim.js'
import { getPreviousCumulative } from './getPreviousCumulative.js'
import { getReceiptStatus } from './getReceiptStatus.js'
import { getSpendable } from './getSpendable.js'
import { listEpochs } from './listEpochs.js'
import { listRecordedReceipts } from './listRecordedReceipts.js'
import { recordUsage } from './recordUsage.js'
import { reopenEpoch } from './reopenEpoch.js'
import { saveBalances } from './saveBalances.js'
import { selectPendingReceipts } from './selectPendingReceipts.js'
import { settlementSchema } from './settlementSchema.js'
import type { LedgerRef } from './tables.js'
import { updateEpochStatus } from './updateEpochStatus.js'
import { writeEpoch } from './writeEpoch.js'

const addr = (n: number): Address => getAddress(pad(toHex(n), { size: 20 }))
const payer = addr(0xca11e4)
const alice = getAddress(pad('0xa11ce', { size: 20 }))
const splits = {
  contributors: 4000,
  agentCreator: 2000,
  adapterCreators: 1000,
  stakers: 2000,
  treasury: 1000,
}
const receiptN = (n: number, fee = 1000n) =>
  sampleReceipt({ requestId: pad(toHex(n), { size: 32 }), fee, payer })

const backends = [
  ['SQLite', () => openStore({ databaseUrl: ':memory:', schemas: [settlementSchema] })],
  [
    'PostgreSQL',
    () =>
      openStore({
        databaseUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
        schemas: [settlementSchema],
      }),
  ],
] as const

describe.each(backends)('settlement ledger on %s', (_name, open) => {
  let store: Store
  let ledger: LedgerRef
  let counter = 0
  beforeAll(async () => {
    store = await open()
  })
  afterAll(() => store?.close())
  beforeEach(() => {
    // A FeeRouter of its own per test: ledgers never share rows, so tests never see each other's.
    ledger = {
      chainId: 31337,
      feeRouter: getAddress(keccak256(toHex(`${Date.now()} ${counter++}`)).slice(0, 42)),
    }
  })

  /** Meters receipts 1..count and writes them as `epoch`. */
  async function writeFirstEpoch(count: number, epoch = 1n) {
    for (let n = 1; n <= count; n++) await recordUsage(store, ledger, { receipt: receiptN(n), agentId: 1n })
    const pending = await selectPendingReceipts(store, ledger, 100)
    const plan = planSettlement({
      epoch,
      receipts: pending,
      splits,
      previousCumulative: await getPreviousCumulative(store, ledger, epoch),
      adapterCreators: new Map(),
      treasury: addr(7),
    })
    await writeEpoch(store, ledger, {
      epoch,
      plan,
      splits,
      receiptIds: pending.map((p) => p.receiptId),
      unfundedIds: [],
    })
    return plan
  }

  test('meters a receipt once; the same id with other content is a conflict', async () => {
    const receipt = receiptN(1)
    expect(await recordUsage(store, ledger, { receipt, agentId: 1n })).toEqual({
      receiptId: receiptId(receipt),
      duplicate: false,
    })
    expect((await recordUsage(store, ledger, { receipt, agentId: 1n })).duplicate).toBe(true)
    await expect(recordUsage(store, ledger, { receipt, agentId: 2n })).rejects.toThrowError(
      expect.objectContaining({ name: 'ReceiptConflictError' }),
    )
    await expect(
      recordUsage(store, ledger, { receipt, agentId: 0n }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidUsageError: Invalid usage: agent id is 0; expected a positive on-chain agent id.]`,
    )
    expect(await selectPendingReceipts(store, ledger, 10)).toHaveLength(1)
  })

  test("lists which receipts its ledger records, in any case, and never another ledger's", async () => {
    const [one, two, three] = [receiptN(1), receiptN(2), receiptN(3)].map((r) => receiptId(r))
    await recordUsage(store, ledger, { receipt: receiptN(1), agentId: 1n })
    await recordUsage(store, ledger, { receipt: receiptN(2), agentId: 1n })
    const elsewhere = { ...ledger, chainId: ledger.chainId + 1 }
    await recordUsage(store, elsewhere, { receipt: receiptN(3), agentId: 1n })
    const asked = [one!, two!.toUpperCase().replace('0X', '0x') as Hex, three!]
    expect(await listRecordedReceipts(store, ledger, asked)).toEqual(new Set([one, two]))
    expect(await listRecordedReceipts(store, elsewhere, asked)).toEqual(new Set([three]))
    expect(await listRecordedReceipts(store, ledger, [])).toEqual(new Set())
  })

  test('hands out waiting receipts in metering order, however many share a millisecond', async () => {
    const receipts = Array.from({ length: 30 }, (_, i) => receiptN(100 + i))
    for (const receipt of receipts) await recordUsage(store, ledger, { receipt, agentId: 1n })
    const pending = await selectPendingReceipts(store, ledger, 100)
    expect(pending.map((p) => p.receiptId)).toEqual(receipts.map((r) => receiptId(r)))
  })

  test('writes an epoch ahead in one transaction, and never the same receipt twice', async () => {
    const plan = await writeFirstEpoch(3)
    expect(await selectPendingReceipts(store, ledger, 10)).toEqual([])
    const [epoch] = await listEpochs(store, ledger)
    expect(epoch).toMatchObject({
      epoch: 1n,
      status: 'built',
      receiptCount: 3,
      totalFees: 3000n,
      txHash: null,
    })
    expect(epoch!.call).toEqual(plan.call)

    const again = writeEpoch(store, ledger, {
      epoch: 2n,
      plan: { ...plan, call: { ...plan.call, epoch: 2n } },
      splits,
      receiptIds: plan.tree.receiptIds,
      unfundedIds: [],
    })
    await expect(again).rejects.toThrowError(expect.objectContaining({ name: 'LedgerDivergedError' }))
    expect(await listEpochs(store, ledger, { epoch: 2n })).toEqual([])
  })

  test('spendable is the chain balance less pending withdrawals and unsettled fees', async () => {
    await saveBalances(store, ledger, [
      { account: payer, balance: 10_000n, pendingWithdrawal: 500n, unlocksAt: 99n, blockNumber: 5n },
    ])
    await writeFirstEpoch(2)
    await recordUsage(store, ledger, { receipt: receiptN(3, 250n), agentId: 1n })
    expect(await getSpendable(store, ledger, payer)).toEqual({
      balance: 10_000n,
      pendingWithdrawal: 500n,
      unsettled: 2250n,
      spendable: 7250n,
      blockNumber: 5n,
    })
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'settled', txHash: null, blockNumber: null })
    await saveBalances(store, ledger, [
      { account: payer, balance: 8000n, pendingWithdrawal: 0n, unlocksAt: 0n, blockNumber: 6n },
    ])
    expect((await getSpendable(store, ledger, payer)).spendable).toBe(7750n)
    expect((await getSpendable(store, ledger, addr(1))).spendable).toBe(0n)
  })

  test('a receipt moves from metered to settled, then proves against the receipts root', async () => {
    const id = receiptId(receiptN(1))
    await recordUsage(store, ledger, { receipt: receiptN(1), agentId: 1n })
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('metered')
    const plan = await writeFirstEpoch(4)
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('built')
    const txHash = keccak256(toHex('tx'))
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash })
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('sent')
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'settled', txHash, blockNumber: 9n })
    const status = await getReceiptStatus(store, ledger, id)
    expect(status).toMatchObject({ status: 'settled', epoch: 1n, receiptsRoot: plan.call.receiptsRoot })
    expect(verifyReceipt(status!.receipt, status!.proof!, plan.call.receiptsRoot)).toBe(true)
    expect(await getReceiptStatus(store, ledger, keccak256(toHex('nothing')) as Hex)).toBeUndefined()

    const claim = await getPayoutClaim(store, ledger, alice)
    expect(claim?.cumulative).toBe(plan.tree.cumulative.get(alice))
    expect(verifyPayout(alice, claim!.cumulative, claim!.proof, plan.call.payoutsRoot)).toBe(true)
    expect(await getPreviousCumulative(store, ledger, 2n)).toEqual(plan.tree.cumulative)
    expect(await getPayoutClaim(store, ledger, addr(1))).toBeUndefined()
  })

  test("forgetting a ledger deletes its rows and no other ledger's", async () => {
    await writeFirstEpoch(3)
    const other = { ...ledger, chainId: 1 }
    await recordUsage(store, other, { receipt: receiptN(1), agentId: 1n })
    expect(await forgetLedger(store, ledger)).toBe(3)
    expect(await listEpochs(store, ledger)).toEqual([])
    expect(await selectPendingReceipts(store, ledger, 10)).toEqual([])
    expect(await selectPendingReceipts(store, other, 10)).toHaveLength(1)
  })

  test('an unsent epoch can be reopened; a sent one cannot, and statuses never go back', async () => {
    await writeFirstEpoch(2)
    await reopenEpoch(store, ledger, 1n)
    expect(await listEpochs(store, ledger)).toEqual([])
    expect(await selectPendingReceipts(store, ledger, 10)).toHaveLength(2)

    await writeFirstEpoch(2)
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash: keccak256(toHex('tx')) })
    await expect(reopenEpoch(store, ledger, 1n)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [LedgerDivergedError: The ledger and the chain disagree about epoch 1: only an epoch that was never sent can be reopened.

      Another settler may have settled this FeeRouter, or the ledger belongs to another deployment.
      Settlement stops here rather than guess; compare the ledger with FeeRouter.receiptsRootOf.]
    `)
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'settled', txHash: null, blockNumber: null })
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash: keccak256(toHex('late')) })
    expect((await listEpochs(store, ledger))[0]?.status).toBe('settled')
    await expect(
      updateEpochStatus(store, ledger, { epoch: 5n, status: 'settled', txHash: null, blockNumber: null }),
    ).rejects.toThrowError(expect.objectContaining({ name: 'LedgerDivergedError' }))
  })
})
