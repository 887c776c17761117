import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  DISPUTE_WINDOW,
  MIN_BOND,
  OPEN,
  OUTSIDER,
  PAYER_A,
  ROLES,
  SETTLER,
  useFeeRouter,
} from './feeRouterFixture.js'
import { buildEpoch } from './feeRouterSettlement.js'

/** Settlers post only while bonded; a pending epoch locks its settler's bond; a veto can slash it. */
const fixture = useFeeRouter()
const { address, routerAs, mined, eventsIn, balanceOf, treasury, post, finalize } = fixture

const epochOne = () => buildEpoch(1n, [{ payer: address(PAYER_A), amount: OPEN(10n) }], new Map())

describe('settler bonds', () => {
  it('deposits and withdraws a bond with events; refuses zero and more than the bond', async () => {
    const router = routerAs(SETTLER)
    const who = address(SETTLER)
    expect(await router.read.bondOf([who])).toBe(MIN_BOND)
    const deposited = await mined(router.write.depositBond([OPEN(5n)]))
    expect(eventsIn(deposited)).toEqual([['BondDeposited', { settler: who, amount: OPEN(5n) }]])
    const before = await balanceOf(who)
    const withdrawn = await mined(router.write.withdrawBond([OPEN(7n)]))
    expect(eventsIn(withdrawn)).toEqual([['BondWithdrawn', { settler: who, amount: OPEN(7n) }]])
    expect((await balanceOf(who)) - before).toBe(OPEN(7n))
    const left = MIN_BOND - OPEN(2n)
    expect(await router.read.bondOf([who])).toBe(left)
    expect(await revertOf(router.write.depositBond([0n]))).toEqual({
      errorName: 'FeeRouterZeroAmount',
      args: [],
    })
    expect(await revertOf(router.write.withdrawBond([0n]))).toEqual({
      errorName: 'FeeRouterZeroAmount',
      args: [],
    })
    expect(await revertOf(router.write.withdrawBond([left + 1n]))).toEqual({
      errorName: 'FeeRouterInsufficientBalance',
      args: [who, left, left + 1n],
    })
  })

  it('refuses to post below the minimum bond', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(routerAs(SETTLER).write.withdrawBond([1n]))
    expect(await revertOf(post(epochOne()))).toEqual({
      errorName: 'FeeRouterBondTooLow',
      args: [address(SETTLER), MIN_BOND - 1n, MIN_BOND],
    })
    await mined(routerAs(SETTLER).write.depositBond([1n]))
    await mined(post(epochOne()))
  })

  it('locks the bond of the settler whose epoch is pending, and only until it is final', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(routerAs(OUTSIDER).write.depositBond([OPEN(3n)]))
    await mined(post(epochOne()))
    expect(await revertOf(routerAs(SETTLER).write.withdrawBond([1n]))).toEqual({
      errorName: 'FeeRouterBondLocked',
      args: [address(SETTLER), 1n],
    })
    await mined(routerAs(OUTSIDER).write.withdrawBond([OPEN(3n)])) // not the pending epoch's settler
    await fixture.passTime(DISPUTE_WINDOW)
    await mined(finalize(epochOne()))
    await mined(routerAs(SETTLER).write.withdrawBond([MIN_BOND]))
    expect(await routerAs(0).read.bondOf([address(SETTLER)])).toBe(0n)
  })

  it('slashes up to the bond to the treasury on a veto; what is left is free again', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(post(epochOne()))
    const before = await balanceOf(treasury())
    const receipt = await fixture.asSafe({ functionName: 'vetoEpoch', args: [1n, MIN_BOND / 4n] })
    expect(eventsIn(receipt)).toEqual([
      ['EpochVetoed', { epoch: 1n, settler: address(SETTLER), slashed: MIN_BOND / 4n }],
    ])
    expect((await balanceOf(treasury())) - before).toBe(MIN_BOND / 4n)
    const left = MIN_BOND - MIN_BOND / 4n
    expect(await routerAs(0).read.bondOf([address(SETTLER)])).toBe(left)
    await mined(routerAs(SETTLER).write.withdrawBond([left]))
  })

  it('slashes at most the whole bond, however much the veto names', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await mined(post(epochOne()))
    const receipt = await fixture.asSafe({ functionName: 'vetoEpoch', args: [1n, MIN_BOND * 5n] })
    expect(eventsIn(receipt)).toEqual([
      ['EpochVetoed', { epoch: 1n, settler: address(SETTLER), slashed: MIN_BOND }],
    ])
    expect(await routerAs(0).read.bondOf([address(SETTLER)])).toBe(0n)
  })

  it('needs its own bond from every settler the Safe appoints, and stops one it removes', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
    await fixture.asSafe({ functionName: 'grantRole', args: [ROLES.settler, address(OUTSIDER)] })
    expect(await revertOf(post(epochOne(), OUTSIDER))).toEqual({
      errorName: 'FeeRouterBondTooLow',
      args: [address(OUTSIDER), 0n, MIN_BOND],
    })
    await mined(routerAs(OUTSIDER).write.depositBond([MIN_BOND]))
    await fixture.asSafe({ functionName: 'revokeRole', args: [ROLES.settler, address(OUTSIDER)] })
    expect(await revertOf(post(epochOne(), OUTSIDER))).toEqual({
      errorName: 'AccessControlUnauthorizedAccount',
      args: [address(OUTSIDER), ROLES.settler],
    })
    await fixture.asSafe({ functionName: 'grantRole', args: [ROLES.settler, address(OUTSIDER)] })
    await mined(post(epochOne(), OUTSIDER))
  })
})
