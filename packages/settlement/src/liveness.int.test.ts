import { receiptId } from '@openledger/attribution'
import { feeRouterAbi } from '@openledger/contracts'
import {
  authorizeCharges,
  BondTooLowError,
  claimContributorRewards,
  depositFees,
  getSettlementState,
  getSettlerBond,
  requestFeeWithdrawal,
  withdrawFees,
} from '@openledger/staking'
import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { countPendingReceipts } from './ledger/countPendingReceipts.js'
import { getPayoutClaim } from './ledger/getPayoutClaim.js'
import { getPublishedEpoch } from './ledger/getPublishedEpoch.js'
import { getReceiptStatus } from './ledger/getReceiptStatus.js'
import { getSpendable } from './ledger/getSpendable.js'
import { listEpochs } from './ledger/listEpochs.js'
import { recordUsage } from './ledger/recordUsage.js'
import { settleNextEpoch } from './settle/settleNextEpoch.js'
import { alice, bondSettler, SETTLER, scenarioReceipts } from './testing/settlementScenario.js'
import { useSettlementDevnet } from './testing/useSettlementDevnet.js'

const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)
const DAY = 24n * 3600n

const t = useSettlementDevnet()

/** Meters `count` scenario receipts; returns them with those of payer 0 (dev account 0) picked out. */
async function meter(count: number, salt = 0) {
  const metered = scenarioReceipts(t.scenario, count, { salt })
  for (const m of metered) await recordUsage(t.store, t.ledger(), m)
  const payer = t.scenario.payers[0]!
  return { metered, payer, mine: metered.filter((m) => m.receipt.payer === payer) }
}

describe('one payer never blocks an epoch (devnet)', () => {
  test('a payer withdrawing between metering and settling is charged what its balance less the withdrawal covers; the rest waits and it is not served', async () => {
    const { payer, mine, metered } = await meter(12)
    const owner = t.account(0)
    // 2.5 OPEN stays chargeable: two of its ~1-OPEN receipts fit, the rest wait.
    await requestFeeWithdrawal(t.env.connection, t.env.manifest.contracts, {
      account: owner,
      amount: parseEther('97.5'),
    })
    const step = await settleNextEpoch(t.settler())
    expect(step?.posted?.receiptCount).toBe(12 - mine.length + 2)
    const statuses = await Promise.all(
      mine.map(async (m) => (await getReceiptStatus(t.store, t.ledger(), receiptId(m.receipt)))?.status),
    )
    expect(statuses).toEqual(['posted', 'posted', ...mine.slice(2).map(() => 'metered')])
    const charged = mine[0]!.receipt.fee + mine[1]!.receipt.fee
    expect(await t.prepaid(payer)).toBe(parseEther('100') - charged)
    const waiting = sum(mine.slice(2).map((m) => m.receipt.fee))
    expect(await getSpendable(t.store, t.ledger(), payer)).toMatchObject({
      balance: parseEther('100') - charged,
      pendingWithdrawal: parseEther('97.5'),
      unsettled: waiting,
      spendable: 0n,
    })

    // It withdraws; its carried receipts wait (it is not served) until it deposits again.
    await t.passDisputeWindow()
    await t.testClient.increaseTime({ seconds: 7 * 24 * 3600 })
    await t.testClient.mine({ blocks: 1 })
    await withdrawFees(t.env.connection, t.env.manifest.contracts, {
      account: owner,
      amount: parseEther('97.5'),
    })
    expect((await settleNextEpoch(t.settler()))?.posted).toBeUndefined()
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(mine.length - 2)
    await depositFees(t.env.connection, t.env.manifest.contracts, {
      account: owner,
      amount: parseEther('50'),
    })
    const next = await settleNextEpoch(t.settler())
    expect(next?.posted).toMatchObject({ epoch: 2n, receiptCount: mine.length - 2 })
    expect(next!.posted!.call.charges).toEqual([{ payer, amount: waiting }])
    expect(metered).toHaveLength(12)
  })

  test('a payer lowering its cap after the epoch was planned is carried and the epoch posted without it', async () => {
    const { payer, mine, metered } = await meter(12)
    let lowered = false
    const settler = t.settler({
      hooks: {
        afterEpochWritten: async () => {
          if (lowered) return
          lowered = true
          await authorizeCharges(t.env.connection, t.env.manifest.contracts, {
            account: t.account(0),
            perPeriod: 1n,
            period: DAY,
          })
        },
      },
    })
    const step = await settleNextEpoch(settler)
    expect(step).toMatchObject({ carried: [payer], posted: { epoch: 1n, receiptCount: 12 - mine.length } })
    expect(step!.posted!.call.charges.map((c) => c.payer)).not.toContain(payer)
    expect(await t.prepaid(payer)).toBe(parseEther('100'))
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(mine.length)
    // The cap leaves it 1 wei: it is not served, and its receipts wait until it raises the cap.
    expect(await getSpendable(t.store, t.ledger(), payer)).toMatchObject({ chargeable: 1n, spendable: 0n })
    await authorizeCharges(t.env.connection, t.env.manifest.contracts, {
      account: t.account(0),
      perPeriod: parseEther('1000'),
      period: DAY,
    })
    await t.passDisputeWindow()
    const next = await settleNextEpoch(settler)
    expect(next).toMatchObject({
      finalized: [{ epoch: 1n }],
      posted: { epoch: 2n, receiptCount: mine.length },
    })
    expect(metered).toHaveLength(12)
  })

  test('an epoch charges at most maxPayersPerEpoch payers (a post fits one transaction); the others wait whole', async () => {
    const { metered } = await meter(9)
    const settler = t.settler({ maxPayersPerEpoch: 2 })
    const first = (await settleNextEpoch(settler))!.posted!
    const firstPayers = [...new Set(metered.slice(0, 2).map((m) => m.receipt.payer))]
    expect(first.call.charges.map((c) => c.payer).sort()).toEqual(firstPayers.sort())
    expect(first.receiptCount).toBe(metered.filter((m) => firstPayers.includes(m.receipt.payer)).length)
    await t.passDisputeWindow()
    const second = (await settleNextEpoch(settler))!.posted!
    expect(second.call.charges.map((c) => c.payer)).toEqual(
      t.scenario.payers.filter((p) => !firstPayers.includes(p)),
    )
    expect(first.receiptCount + second.receiptCount).toBe(9)
  })

  test('a payer that never authorised charges is not charged: its receipts wait', async () => {
    const { payer, mine } = await meter(9)
    await authorizeCharges(t.env.connection, t.env.manifest.contracts, {
      account: t.account(0),
      perPeriod: 0n,
      period: 0n,
    })
    const step = await settleNextEpoch(t.settler())
    expect(step?.posted?.receiptCount).toBe(9 - mine.length)
    expect(step?.carried).toEqual([]) // read from the chain while planning: never sent
    expect(await getSpendable(t.store, t.ledger(), payer)).toMatchObject({ chargeable: 0n, spendable: 0n })
  })

  test('an epoch vetoed through the Safe is refunded by the worker, its receipts posted again in a later epoch', async () => {
    const { metered } = await meter(9)
    const settler = t.settler()
    const first = (await settleNextEpoch(settler))!.posted!
    const before = await Promise.all(t.scenario.payers.map((p) => t.prepaid(p)))
    const { minSettlerBond } = await getSettlementState(t.env.connection, t.env.manifest.contracts)
    const slash = parseEther('100')
    await t.vetoThroughSafe(first.epoch, slash)
    expect(
      await getSettlerBond(t.env.connection, t.env.manifest.contracts, {
        settler: t.account(SETTLER).address,
      }),
    ).toBe(minSettlerBond - slash)

    // The worker refunds the epoch; slashed below the minimum bond, it posts nothing more until it bonds again.
    await expect(settleNextEpoch(settler)).rejects.toThrow(BondTooLowError)
    const [vetoed] = await listEpochs(t.store, t.ledger(), { epoch: 1n })
    expect(vetoed).toMatchObject({
      status: 'vetoed',
      refundTxHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    for (const [i, payer] of t.scenario.payers.entries()) {
      const charged = first.call.charges.find((c) => c.payer === payer)?.amount ?? 0n
      expect(await t.prepaid(payer)).toBe(before[i]! + charged)
    }
    const record = await t.env.connection.publicClient.readContract({
      address: t.env.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'epochOf',
      args: [1n],
    })
    expect(record.status).toBe(4) // Refunded
    expect(await getPublishedEpoch(t.store, t.ledger(), 1n)).toMatchObject({ status: 'vetoed' })
    expect(await getReceiptStatus(t.store, t.ledger(), receiptId(metered[0]!.receipt))).toMatchObject({
      status: 'vetoed',
      epoch: 1n,
    })
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(9)

    // Bonded again, it posts them as epoch 2 (a vetoed epoch keeps its number), and finalises it after the window.
    await bondSettler(t.env.connection, t.env.manifest, t.account(3), t.account(SETTLER))
    const step = await settleNextEpoch(settler)
    expect(step?.posted).toMatchObject({ epoch: 2n, receiptCount: 9, receiptsRoot: first.receiptsRoot })
    expect(step!.posted!.call.charges).toEqual(first.call.charges)
    await t.passDisputeWindow()
    expect(await settleNextEpoch(settler)).toMatchObject({ finalized: [{ epoch: 2n }] })
    expect((await listEpochs(t.store, t.ledger())).map((e) => [e.epoch, e.status])).toEqual([
      [1n, 'vetoed'],
      [2n, 'final'],
    ])
  })

  test('a veto while a later epoch waits: the next epoch takes the vetoed receipts and the waiting ones, computed from the last final epoch, whose claims stay whole', async () => {
    const settler = t.settler()
    await meter(6)
    const first = (await settleNextEpoch(settler))!.posted!
    await t.passDisputeWindow()
    await settleNextEpoch(settler) // epoch 1 final
    const aliceClaims = await getPayoutClaim(t.store, t.ledger(), alice, { connection: t.env.connection })
    expect(aliceClaims.map((c) => c.epoch)).toEqual([first.epoch])

    await meter(6, 1)
    const second = (await settleNextEpoch(settler))!.posted!
    // Metered while epoch 2 is pending: they wait, whatever the worker is asked.
    await meter(6, 2)
    expect((await settleNextEpoch(settler))?.posted).toBeUndefined()
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(6)

    await t.vetoThroughSafe(second.epoch, 0n)
    const next = (await settleNextEpoch(settler))!
    expect(next.vetoed.map((v) => v.epoch)).toEqual([second.epoch])
    expect(next.posted).toMatchObject({ epoch: second.epoch + 1n, receiptCount: 12 })
    await t.passDisputeWindow()
    await settleNextEpoch(settler)

    // Epoch 1's payouts were never touched: alice claims them in full, then epoch 3's.
    const claims = await getPayoutClaim(t.store, t.ledger(), alice, { connection: t.env.connection })
    expect(claims.map((c) => c.epoch)).toEqual([first.epoch, second.epoch + 1n])
    expect(claims[0]).toEqual(aliceClaims[0])
    const before = await t.token(alice)
    await claimContributorRewards(t.env.connection, t.env.manifest.contracts, {
      account: t.account(3),
      beneficiary: alice,
      claims,
    })
    expect((await t.token(alice)) - before).toBe(sum(claims.map((c) => c.amount)))
  })
})
