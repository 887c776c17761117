import { receiptFromJson, receiptId, verifyPayout, verifyReceipt } from '@openledger/attribution'
import { sampleReceiptV2 } from '@openledger/attribution/testing'
import { openStore, type Store } from '@openledger/store'
import { type Address, getAddress, type Hex, keccak256, pad, toHex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { planSettlement } from '../plan/planSettlement.js'
import { forgetLedger } from './forgetLedger.js'
import { getPayoutClaim } from './getPayoutClaim.js'
import { getPublishedEpoch } from './getPublishedEpoch.js'
import { getReceiptStatus } from './getReceiptStatus.js'
import { getSpendable } from './getSpendable.js'
import { listEpochReceipts } from './listEpochReceipts.js'
import { listEpochs } from './listEpochs.js'
import { listRecordedReceipts } from './listRecordedReceipts.js'
import { recordUsage } from './recordUsage.js'
import { reopenEpoch } from './reopenEpoch.js'
import { type ChainBalance, saveBalances } from './saveBalances.js'
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
  sampleReceiptV2({ requestId: pad(toHex(n), { size: 32 }), fee, payer })
const balanceRow = (balance: bigint, rest: Partial<Omit<ChainBalance, 'account' | 'balance'>> = {}) => ({
  account: payer,
  balance,
  pendingWithdrawal: 0n,
  unlocksAt: 0n,
  chargeable: balance,
  blockNumber: 5n,
  ...rest,
})

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

  /** Meters receipts from..to (those not metered yet) and writes every waiting one as `epoch`. */
  async function writeEpochOf(to: number, epoch = 1n, from = 1) {
    for (let n = from; n <= to; n++) await recordUsage(store, ledger, { receipt: receiptN(n), agentId: 1n })
    const pending = await selectPendingReceipts(store, ledger, 100)
    const plan = planSettlement({
      epoch,
      receipts: pending,
      splits,
      adapterCreators: new Map(),
      treasury: addr(7),
    })
    await writeEpoch(store, ledger, { epoch, plan, splits, receiptIds: pending.map((p) => p.receiptId) })
    return plan
  }
  const post = (epoch: bigint) =>
    updateEpochStatus(store, ledger, {
      epoch,
      status: 'posted',
      txHash: null,
      blockNumber: 8n,
      finalizesAt: 100n,
    })

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

  test('hands out waiting receipts in metering order, however many share a millisecond, page by page', async () => {
    const receipts = Array.from({ length: 30 }, (_, i) => receiptN(100 + i))
    for (const receipt of receipts) await recordUsage(store, ledger, { receipt, agentId: 1n })
    const pending = await selectPendingReceipts(store, ledger, 100)
    expect(pending.map((p) => p.receiptId)).toEqual(receipts.map((r) => receiptId(r)))
    const first = await selectPendingReceipts(store, ledger, 12)
    const rest = await selectPendingReceipts(store, ledger, 100, first.at(-1))
    expect([...first, ...rest]).toEqual(pending)
  })

  test('writes an epoch ahead in one transaction, and never the same receipt twice', async () => {
    const plan = await writeEpochOf(3)
    expect(await selectPendingReceipts(store, ledger, 10)).toEqual([])
    const [epoch] = await listEpochs(store, ledger)
    expect(epoch).toMatchObject({
      epoch: 1n,
      status: 'built',
      receiptCount: 3,
      totalFees: 3000n,
      txHash: null,
      finalizesAt: null,
    })
    expect(epoch!.call).toEqual(plan.call)

    const again = writeEpoch(store, ledger, {
      epoch: 2n,
      plan: { ...plan, call: { ...plan.call, epoch: 2n } },
      splits,
      receiptIds: plan.tree.receiptIds,
    })
    await expect(again).rejects.toThrowError(expect.objectContaining({ name: 'LedgerDivergedError' }))
    expect(await listEpochs(store, ledger, { epoch: 2n })).toEqual([])
    expect(await listEpochReceipts(store, ledger, 2n)).toEqual([])
  })

  test('spendable is what FeeRouter can charge (cap and balance less the pending withdrawal) less unposted fees', async () => {
    await saveBalances(store, ledger, [balanceRow(10_000n, { pendingWithdrawal: 500n, unlocksAt: 99n })])
    await writeEpochOf(2)
    await recordUsage(store, ledger, { receipt: receiptN(3, 250n), agentId: 1n })
    expect(await getSpendable(store, ledger, payer)).toEqual({
      balance: 10_000n,
      pendingWithdrawal: 500n,
      chargeable: 10_000n,
      unsettled: 2250n,
      spendable: 7250n,
      blockNumber: 5n,
    })
    // Posted: the chain took the charges into escrow, and the balance read with it no longer holds them.
    await post(1n)
    await saveBalances(store, ledger, [balanceRow(8000n, { chargeable: 8000n, blockNumber: 6n })])
    expect(await getSpendable(store, ledger, payer)).toMatchObject({ unsettled: 250n, spendable: 7750n })
    // A cap of 3000 a period, 1000 of it used: 2000 left, 250 of which is metered already.
    await saveBalances(store, ledger, [balanceRow(8000n, { chargeable: 2000n, blockNumber: 7n })])
    expect((await getSpendable(store, ledger, payer)).spendable).toBe(1750n)
    // Fees beyond what it can be charged: nothing more is served.
    await saveBalances(store, ledger, [balanceRow(8000n, { chargeable: 100n, blockNumber: 8n })])
    expect((await getSpendable(store, ledger, payer)).spendable).toBe(0n)
    expect(await getSpendable(store, ledger, addr(1))).toMatchObject({ spendable: 0n, chargeable: 0n })
  })

  test('a receipt goes metered → built → sent → posted → final, proving against its root once posted', async () => {
    const id = receiptId(receiptN(1))
    await recordUsage(store, ledger, { receipt: receiptN(1), agentId: 1n })
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('metered')
    const plan = await writeEpochOf(4)
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('built')
    const txHash = keccak256(toHex('tx'))
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash })
    expect((await getReceiptStatus(store, ledger, id))?.status).toBe('sent')
    expect(await getPublishedEpoch(store, ledger, 1n)).toBeUndefined()
    await updateEpochStatus(store, ledger, {
      epoch: 1n,
      status: 'posted',
      txHash,
      blockNumber: 9n,
      finalizesAt: 1234n,
    })
    expect((await listEpochs(store, ledger))[0]).toMatchObject({
      status: 'posted',
      finalizesAt: 1234n,
      blockNumber: 9n,
    })
    const posted = await getReceiptStatus(store, ledger, id)
    expect(posted).toMatchObject({ status: 'posted', epoch: 1n, receiptsRoot: plan.call.receiptsRoot })
    expect(verifyReceipt(posted!.receipt, posted!.proof!, plan.call.receiptsRoot)).toBe(true)
    // Contributors claim only once the epoch is final.
    expect(await getPayoutClaim(store, ledger, alice)).toEqual([])
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'final', txHash: keccak256(toHex('final')) })
    const final = await getReceiptStatus(store, ledger, id)
    expect(final).toMatchObject({
      status: 'final',
      receiptsRoot: plan.call.receiptsRoot,
      proof: posted!.proof,
    })
    expect(await getReceiptStatus(store, ledger, keccak256(toHex('nothing')) as Hex)).toBeUndefined()

    const [claim, ...more] = await getPayoutClaim(store, ledger, alice)
    expect(more).toEqual([])
    expect(claim).toEqual({ epoch: 1n, ...plan.tree.payoutProofOf(alice), account: undefined })
    expect(verifyPayout(alice, claim!.amount, claim!.proof, plan.call.payoutsRoot)).toBe(true)
    expect(await getPayoutClaim(store, ledger, addr(1))).toEqual([])
  })

  test("a contributor's claims are per final epoch, each with its own amount and proof", async () => {
    const first = await writeEpochOf(2, 1n)
    await post(1n)
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'final', txHash: null })
    const second = await writeEpochOf(5, 2n, 3)
    await post(2n)
    expect((await getPayoutClaim(store, ledger, alice)).map((c) => c.epoch)).toEqual([1n])
    await updateEpochStatus(store, ledger, { epoch: 2n, status: 'final', txHash: null })
    const claims = await getPayoutClaim(store, ledger, alice)
    expect(claims.map(({ epoch, amount }) => ({ epoch, amount }))).toEqual([
      { epoch: 1n, amount: first.tree.amounts.get(alice) },
      { epoch: 2n, amount: second.tree.amounts.get(alice) },
    ])
    expect(verifyPayout(alice, claims[1]!.amount, claims[1]!.proof, second.call.payoutsRoot)).toBe(true)
  })

  test("publishes a posted epoch's receipts in receipt-id order with its root and status", async () => {
    const plan = await writeEpochOf(6)
    await post(1n)
    const published = await getPublishedEpoch(store, ledger, 1n)
    expect(published).toMatchObject({ epoch: 1n, status: 'posted', receiptsRoot: plan.call.receiptsRoot })
    const ids = published!.receipts.map((r) => r.receipt.id)
    expect(ids).toEqual([...ids].sort())
    expect(ids).toEqual(plan.tree.receiptIds)
    expect(published!.receipts.every((r) => r.agentId === '1')).toBe(true)
    // Anyone recomputes the posted call from the published receipts alone.
    const again = planSettlement({
      epoch: 1n,
      receipts: published!.receipts.map((r) => ({
        agentId: BigInt(r.agentId),
        receipt: receiptFromJson(r.receipt),
      })),
      splits,
      adapterCreators: new Map(),
      treasury: addr(7),
    })
    expect(again.call).toEqual(plan.call)
    expect(await getPublishedEpoch(store, ledger, 2n)).toBeUndefined()
  })

  test('a vetoed epoch frees its receipts to wait again and keeps its published list', async () => {
    await saveBalances(store, ledger, [balanceRow(10_000n)])
    const plan = await writeEpochOf(3)
    await post(1n)
    expect((await getSpendable(store, ledger, payer)).unsettled).toBe(0n)
    await updateEpochStatus(store, ledger, {
      epoch: 1n,
      status: 'vetoed',
      txHash: keccak256(toHex('refund')),
    })
    const [vetoed] = await listEpochs(store, ledger)
    expect(vetoed).toMatchObject({ status: 'vetoed', refundTxHash: keccak256(toHex('refund')) })
    // Refunded, the charges are owed again: they wait for a later epoch.
    expect((await selectPendingReceipts(store, ledger, 10)).map((p) => p.receiptId)).toEqual(
      [receiptN(1), receiptN(2), receiptN(3)].map((r) => receiptId(r)),
    )
    expect((await getSpendable(store, ledger, payer)).unsettled).toBe(3000n)
    expect(await getReceiptStatus(store, ledger, receiptId(receiptN(2)))).toMatchObject({
      status: 'vetoed',
      epoch: 1n,
      proof: undefined,
    })
    expect(await getPublishedEpoch(store, ledger, 1n)).toMatchObject({
      status: 'vetoed',
      receiptsRoot: plan.call.receiptsRoot,
      receipts: expect.arrayContaining([expect.objectContaining({ agentId: '1' })]),
    })
    expect((await listEpochReceipts(store, ledger, 1n)).length).toBe(3)
    // The next epoch takes them; a vetoed epoch is never final.
    await writeEpochOf(3, 2n)
    expect(await getReceiptStatus(store, ledger, receiptId(receiptN(2)))).toMatchObject({
      status: 'built',
      epoch: 2n,
    })
    await expect(
      updateEpochStatus(store, ledger, { epoch: 1n, status: 'final', txHash: null }),
    ).rejects.toThrowError(expect.objectContaining({ name: 'LedgerDivergedError' }))
  })

  test("forgetting a ledger deletes its rows and no other ledger's", async () => {
    await writeEpochOf(3)
    const other = { ...ledger, chainId: 1 }
    await recordUsage(store, other, { receipt: receiptN(1), agentId: 1n })
    expect(await forgetLedger(store, ledger)).toBe(3)
    expect(await listEpochs(store, ledger)).toEqual([])
    expect(await listEpochReceipts(store, ledger, 1n)).toEqual([])
    expect(await selectPendingReceipts(store, ledger, 10)).toEqual([])
    expect(await selectPendingReceipts(store, other, 10)).toHaveLength(1)
  })

  test('an unposted epoch can be reopened (a sent one only when its post reverted); statuses never go back', async () => {
    await writeEpochOf(2)
    await reopenEpoch(store, ledger, 1n)
    expect(await listEpochs(store, ledger)).toEqual([])
    expect(await listEpochReceipts(store, ledger, 1n)).toEqual([])
    expect(await selectPendingReceipts(store, ledger, 10)).toHaveLength(2)

    await writeEpochOf(2)
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash: keccak256(toHex('tx')) })
    await expect(reopenEpoch(store, ledger, 1n)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [LedgerDivergedError: The ledger and the chain disagree about epoch 1: only an epoch that was never posted can be reopened.

      Another settler may have settled this FeeRouter, or the ledger belongs to another deployment.
      Settlement stops here rather than guess; compare the ledger with FeeRouter.receiptsRootOf.]
    `)
    await reopenEpoch(store, ledger, 1n, { reverted: true })
    expect(await selectPendingReceipts(store, ledger, 10)).toHaveLength(2)

    await writeEpochOf(2)
    await post(1n)
    await expect(reopenEpoch(store, ledger, 1n, { reverted: true })).rejects.toThrowError(
      expect.objectContaining({ name: 'LedgerDivergedError' }),
    )
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'sent', txHash: keccak256(toHex('late')) })
    await updateEpochStatus(store, ledger, { epoch: 1n, status: 'final', txHash: null })
    await post(1n)
    expect((await listEpochs(store, ledger))[0]?.status).toBe('final')
    await expect(
      updateEpochStatus(store, ledger, { epoch: 5n, status: 'final', txHash: null }),
    ).rejects.toThrowError(expect.objectContaining({ name: 'LedgerDivergedError' }))
  })
})
