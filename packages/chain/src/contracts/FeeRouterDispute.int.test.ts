import { feeRouterAbi } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  DAY,
  DISPUTE_WINDOW,
  OPEN,
  OUTSIDER,
  PAYER_A,
  PAYER_B,
  SETTLER,
  useFeeRouter,
} from './feeRouterFixture.js'
import { ADAPTER_X, buildEpoch, type Epoch, earnings, totalOf } from './feeRouterSettlement.js'

/** An epoch waits out its dispute window: anyone finalises it after, the Safe may veto it within. */
const fixture = useFeeRouter()
const { address, routerAs, mined, eventsIn, post, finalize, passTime } = fixture

const charges = () => [
  { payer: address(PAYER_A), amount: OPEN(30n) + 1n },
  { payer: address(PAYER_B), amount: OPEN(5n) + 3n },
]
const epoch = (n: bigint, amounts = charges()) => buildEpoch(n, amounts, earnings(amounts))
async function deposit() {
  await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
  await mined(routerAs(PAYER_B).write.deposit([OPEN(100n)]))
}
/** vetoEpoch as the Safe would call it, simulated from its address to read the custom error. */
const simulateVeto = (n: bigint) =>
  fixture.env.connection.publicClient.simulateContract({
    address: fixture.routerAddress(),
    abi: feeRouterAbi,
    functionName: 'vetoEpoch',
    args: [n, 0n],
    account: fixture.treasury(),
  })
const veto = (n: bigint, slash = 0n) => fixture.asSafe({ functionName: 'vetoEpoch', args: [n, slash] })
const refund = (e: Epoch, as: number = OUTSIDER) => routerAs(as).write.refundCharges([e.epoch, e.charges])
const statusOf = async (n: bigint) => (await routerAs(0).read.epochOf([n])).status

describe('finalizeEpoch', () => {
  it('waits for the window to pass, then lets anyone finalise once', async () => {
    await deposit()
    const e = epoch(1n)
    await mined(post(e))
    const { finalizesAt } = await routerAs(0).read.pendingEpoch()
    expect(await revertOf(finalize(e))).toEqual({
      errorName: 'FeeRouterDisputeWindowOpen',
      args: [1n, finalizesAt],
    })
    await passTime(finalizesAt - (await fixture.now()) - 10n)
    expect(await revertOf(finalize(e))).toMatchObject({ errorName: 'FeeRouterDisputeWindowOpen' })
    await passTime(10n)
    await mined(finalize(e, PAYER_B))
    expect(await statusOf(1n)).toBe(2)
    expect(await revertOf(finalize(e))).toEqual({ errorName: 'FeeRouterNotPending', args: [1n] })
  })

  it('pays only the routing the epoch was posted with', async () => {
    await deposit()
    const e = epoch(1n)
    await mined(post(e))
    await passTime(DISPUTE_WINDOW)
    const redirected = { ...e, adapters: e.adapters.map((a) => ({ ...a, creator: address(OUTSIDER) })) }
    expect(await revertOf(finalize(redirected))).toEqual({
      errorName: 'FeeRouterRoutingMismatch',
      args: [1n],
    })
    const [first, second, third] = e.agents
    const shifted = {
      ...e,
      agents: [{ ...first!, fees: first!.fees + 1n }, { ...second!, fees: second!.fees - 1n }, third!],
    }
    expect(await revertOf(finalize(shifted))).toEqual({ errorName: 'FeeRouterRoutingMismatch', args: [1n] })
    expect(await revertOf(finalize({ ...e, epoch: 2n }))).toEqual({
      errorName: 'FeeRouterNotPending',
      args: [2n],
    })
    await mined(finalize(e))
    expect(await fixture.balanceOf(ADAPTER_X)).toBe(e.adapters[0]!.amount)
  })
})

describe('vetoEpoch', () => {
  it('lets the Safe veto within the window, and not after it', async () => {
    await deposit()
    await mined(post(epoch(1n)))
    const { finalizesAt } = await routerAs(0).read.pendingEpoch()
    await passTime(finalizesAt - (await fixture.now()))
    expect(await revertOf(simulateVeto(1n))).toEqual({
      errorName: 'FeeRouterDisputeWindowClosed',
      args: [1n, finalizesAt],
    })
    await expect(veto(1n)).rejects.toThrow()
    expect(await statusOf(1n)).toBe(1)
  })

  it('refuses to veto an epoch that is not pending', async () => {
    expect(await revertOf(simulateVeto(1n))).toEqual({ errorName: 'FeeRouterNotPending', args: [1n] })
    await deposit()
    await fixture.settle(epoch(1n))
    await mined(post(epoch(2n)))
    expect(await revertOf(simulateVeto(1n))).toEqual({ errorName: 'FeeRouterNotPending', args: [1n] })
  })

  it('drops the epoch; refundCharges gives balances and caps back, once, to anyone, with the posted charges', async () => {
    await deposit()
    const e = epoch(1n)
    await mined(post(e))
    const receipt = await veto(1n)
    expect(eventsIn(receipt)).toEqual([
      ['EpochVetoed', { epoch: 1n, settler: address(SETTLER), slashed: 0n }],
    ])
    const router = routerAs(0)
    expect(await statusOf(1n)).toBe(3)
    expect((await router.read.pendingEpoch()).epoch).toBe(0n)
    expect(await router.read.receiptsRootOf([1n])).toBe(`0x${'00'.repeat(32)}`)
    expect(await router.read.lastEpoch()).toBe(1n)
    expect(await router.read.balanceOf([address(PAYER_A)])).toBe(OPEN(70n) - 1n)

    const inflated = { ...e, charges: e.charges.map((c) => ({ ...c, amount: c.amount * 2n })) }
    expect(await revertOf(refund(inflated))).toEqual({ errorName: 'FeeRouterChargesMismatch', args: [1n] })
    const refunded = await mined(refund(e))
    expect(eventsIn(refunded)).toEqual([['ChargesRefunded', { epoch: 1n, total: totalOf(e.charges) }]])
    for (const payer of [PAYER_A, PAYER_B]) {
      expect(await router.read.balanceOf([address(payer)])).toBe(OPEN(100n))
      expect((await router.read.chargeCapOf([address(payer)]))[1].spent).toBe(0n)
    }
    expect(await statusOf(1n)).toBe(4)
    expect(await revertOf(refund(e))).toEqual({ errorName: 'FeeRouterNotRefundable', args: [1n] })
  })

  it('refunds neither a pending nor a final epoch', async () => {
    await deposit()
    const e = epoch(1n)
    await mined(post(e))
    expect(await revertOf(refund(e))).toEqual({ errorName: 'FeeRouterNotRefundable', args: [1n] })
    await passTime(DISPUTE_WINDOW)
    await mined(finalize(e))
    expect(await revertOf(refund(e))).toEqual({ errorName: 'FeeRouterNotRefundable', args: [1n] })
  })

  it('gives cap usage back only in the period the charge was counted in', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(10n), DAY]))
    const charge = (amount: bigint) => [{ payer: address(PAYER_A), amount }]
    const first = buildEpoch(1n, charge(OPEN(6n)), new Map())
    await mined(post(first))
    await veto(1n)
    await passTime(DAY)
    await fixture.settle(buildEpoch(2n, charge(OPEN(10n)), new Map())) // a new period, charged in full
    await mined(refund(first))
    const router = routerAs(0)
    expect(await router.read.balanceOf([address(PAYER_A)])).toBe(OPEN(90n))
    expect((await router.read.chargeCapOf([address(PAYER_A)]))[1].spent).toBe(OPEN(10n))
    expect(await router.read.chargeableOf([address(PAYER_A)])).toBe(0n)
  })

  it('holds a later epoch until the pending one is vetoed; the next is numbered on and charged from the last final state', async () => {
    await deposit()
    await fixture.settle(epoch(1n, [{ payer: address(PAYER_A), amount: OPEN(10n) }]))
    const bad = epoch(2n)
    await mined(post(bad))
    const next = epoch(3n)
    expect(await revertOf(post(next))).toEqual({ errorName: 'FeeRouterEpochPending', args: [2n] })
    await veto(2n)
    await mined(refund(bad))
    const router = routerAs(0)
    expect(await router.read.balanceOf([address(PAYER_A)])).toBe(OPEN(90n))
    await fixture.settle(next)
    expect(await router.read.balanceOf([address(PAYER_A)])).toBe(OPEN(90n) - next.charges[0]!.amount)
    expect(await router.read.lastEpoch()).toBe(3n)
    expect([await statusOf(1n), await statusOf(2n), await statusOf(3n)]).toEqual([2, 4, 2])
  })
})
