import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  CAP,
  DAY,
  DISPUTE_WINDOW,
  OPEN,
  OUTSIDER,
  PAYER_A,
  PAYER_B,
  useFeeRouter,
} from './feeRouterFixture.js'
import { buildEpoch } from './feeRouterSettlement.js'

/** Payers authorise how much settlement may charge them per period; the cap holds across epochs. */
const fixture = useFeeRouter()
const { address, routerAs, mined, eventsIn, post, settle } = fixture
const MAX_PERIOD = 365n * DAY

let epoch = 0n
/** The next epoch charging `payer` `amount` (the epoch number follows what the chain posted). */
async function chargeOf(payer: Address, amount: bigint) {
  epoch = (await routerAs(0).read.lastEpoch()) + 1n
  return buildEpoch(epoch, [{ payer, amount }], new Map())
}
const usageOf = async (payer: Address) => (await routerAs(0).read.chargeCapOf([payer]))[1]

describe('authorizeCharges', () => {
  it('records a cap and emits ChargesAuthorized; a period must be 1 s to a year unless the cap is zero', async () => {
    const router = routerAs(OUTSIDER)
    const who = address(OUTSIDER)
    const receipt = await mined(router.write.authorizeCharges([OPEN(5n), DAY]))
    expect(eventsIn(receipt)).toEqual([
      ['ChargesAuthorized', { payer: who, perPeriod: OPEN(5n), period: DAY }],
    ])
    expect(await router.read.chargeCapOf([who])).toEqual([
      { perPeriod: OPEN(5n), period: DAY },
      { spent: 0n, periodStart: 0n },
    ])
    for (const period of [0n, MAX_PERIOD + 1n])
      expect(await revertOf(router.write.authorizeCharges([OPEN(5n), period]))).toEqual({
        errorName: 'FeeRouterInvalidPeriod',
        args: [period],
      })
    await mined(router.write.authorizeCharges([OPEN(5n), MAX_PERIOD]))
    await mined(router.write.authorizeCharges([0n, 0n])) // withdrawing the authorisation
    expect((await router.read.chargeCapOf([who]))[0]).toEqual({ perPeriod: 0n, period: 0n })
  })

  it('never lets a payer be charged without an authorisation, whatever its balance', async () => {
    const who = address(OUTSIDER)
    await mined(routerAs(OUTSIDER).write.deposit([OPEN(10n)]))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(0n)
    expect(await revertOf(post(await chargeOf(who, 1n)))).toEqual({
      errorName: 'FeeRouterChargeNotAuthorized',
      args: [who],
    })
  })

  it('charges at most the cap within a period, across epochs; the next period starts afresh', async () => {
    const who = address(PAYER_A)
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(10n), DAY]))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(OPEN(10n))
    const first = await mined(post(await chargeOf(who, OPEN(6n))))
    const { timestamp } = await fixture.env.connection.publicClient.getBlock({
      blockNumber: first.blockNumber,
    })
    expect(await usageOf(who)).toEqual({ spent: OPEN(6n), periodStart: timestamp })
    await fixture.passTime(DISPUTE_WINDOW)
    await mined(fixture.finalize(buildEpoch(epoch, [{ payer: who, amount: OPEN(6n) }], new Map())))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(OPEN(4n))
    expect(await revertOf(post(await chargeOf(who, OPEN(5n))))).toEqual({
      errorName: 'FeeRouterChargeAboveCap',
      args: [who, OPEN(4n), OPEN(5n)],
    })
    await settle(await chargeOf(who, OPEN(4n)))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(0n)
    expect(await revertOf(post(await chargeOf(who, 1n)))).toMatchObject({
      errorName: 'FeeRouterChargeAboveCap',
    })

    await fixture.passTime(DAY)
    expect(await routerAs(0).read.chargeableOf([who])).toBe(OPEN(10n))
    const rolled = await mined(post(await chargeOf(who, OPEN(10n))))
    const next = await fixture.env.connection.publicClient.getBlock({ blockNumber: rolled.blockNumber })
    expect(await usageOf(who)).toEqual({ spent: OPEN(10n), periodStart: next.timestamp })
    expect(next.timestamp - timestamp).toBeGreaterThanOrEqual(DAY)
  })

  it('keeps what the period used when the cap changes: lowering, raising or revoking resets nothing', async () => {
    const who = address(PAYER_A)
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(10n), DAY]))
    await settle(await chargeOf(who, OPEN(8n)))
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(5n), DAY]))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(0n)
    expect(await revertOf(post(await chargeOf(who, 1n)))).toEqual({
      errorName: 'FeeRouterChargeAboveCap',
      args: [who, 0n, 1n],
    })
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(12n), DAY]))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(OPEN(4n))
    expect((await usageOf(who)).spent).toBe(OPEN(8n))
    await mined(routerAs(PAYER_A).write.authorizeCharges([0n, 0n]))
    expect(await revertOf(post(await chargeOf(who, 1n)))).toEqual({
      errorName: 'FeeRouterChargeNotAuthorized',
      args: [who],
    })
    await mined(routerAs(PAYER_A).write.authorizeCharges([OPEN(12n), DAY]))
    expect(await routerAs(0).read.chargeableOf([who])).toBe(OPEN(4n))
    await settle(await chargeOf(who, OPEN(4n)))
    expect(await usageOf(who)).toMatchObject({ spent: OPEN(12n) })
  })

  it('reports as chargeable the smaller of the cap left and the balance', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(20n)]))
    await mined(routerAs(PAYER_B).write.deposit([OPEN(600n)]))
    expect(await routerAs(0).read.chargeableOf([address(PAYER_A)])).toBe(OPEN(20n))
    expect(await routerAs(0).read.chargeableOf([address(PAYER_B)])).toBe(CAP.perPeriod)
  })
})
