import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  AGENTS,
  creatorOf,
  DISPUTE_WINDOW,
  MIN_BOND,
  OPEN,
  OUTSIDER,
  PAYER_A,
  PAYER_B,
  PAYER_C,
  PAYERS,
  ROLES,
  SETTLER,
  SPLITS,
  STAKED_AGENTS,
  useFeeRouter,
  WITHDRAWAL_DELAY,
} from './feeRouterFixture.js'
import {
  ADAPTER_X,
  ADAPTER_Y,
  buildEpoch,
  type Charge,
  earnings,
  expectedSplit,
  totalOf,
} from './feeRouterSettlement.js'

const fixture = useFeeRouter()
const { address, routerAs, tokenAs, mined, eventsIn, balanceOf, treasury, post, finalize } = fixture

const DEPOSITS = [OPEN(100n), OPEN(50n), OPEN(20n)] as const
/** Odd wei amounts so that every floor leaves dust. */
const CHARGES_1 = () =>
  [
    { payer: address(PAYER_A), amount: OPEN(12n) + 345_678_901_234_567_891n },
    { payer: address(PAYER_B), amount: OPEN(7n) + 13n },
    { payer: address(PAYER_C), amount: OPEN(3n) + 7n },
  ] satisfies Charge[]

async function depositAll() {
  for (const [k, i] of PAYERS.entries()) await mined(routerAs(i).write.deposit([DEPOSITS[k]!]))
}
const depositOf = (payer: string) => DEPOSITS[PAYERS.findIndex((i) => address(i) === payer)]!

describe('FeeRouter deployment', () => {
  it('gives every role to the treasury Safe, SETTLER_ROLE to the settler, and the parameters it was given', async () => {
    const router = routerAs(0)
    const safe = treasury()
    for (const role of [ROLES.admin, ROLES.parameters, ROLES.veto])
      expect(await router.read.hasRole([role, safe])).toBe(true)
    expect(await router.read.hasRole([ROLES.settler, address(SETTLER)])).toBe(true)
    expect(await router.read.hasRole([ROLES.settler, safe])).toBe(false)
    for (const role of [ROLES.admin, ROLES.parameters, ROLES.veto])
      expect(await router.read.hasRole([role, address(SETTLER)])).toBe(false)
    expect(await router.read.treasury()).toBe(safe)
    expect(await router.read.splits()).toEqual(SPLITS)
    expect(await router.read.withdrawalDelay()).toBe(WITHDRAWAL_DELAY)
    expect(await router.read.disputeWindow()).toBe(DISPUTE_WINDOW)
    expect(await router.read.minSettlerBond()).toBe(MIN_BOND)
    expect(await router.read.lastEpoch()).toBe(0n)
    expect((await router.read.pendingEpoch()).epoch).toBe(0n)
  })
})

describe('prepaid balances', () => {
  it('credits deposits, also for another account, and emits Deposited', async () => {
    const router = routerAs(PAYER_A)
    const receipt = await mined(router.write.deposit([OPEN(10n)]))
    expect(eventsIn(receipt)).toEqual([
      ['Deposited', { from: address(PAYER_A), account: address(PAYER_A), amount: OPEN(10n) }],
    ])
    await mined(router.write.depositFor([address(OUTSIDER), OPEN(2n)]))
    expect(await router.read.balanceOf([address(PAYER_A)])).toBe(OPEN(10n))
    expect(await router.read.balanceOf([address(OUTSIDER)])).toBe(OPEN(2n))
    expect(await balanceOf(fixture.routerAddress())).toBe(OPEN(12n) + MIN_BOND)
    expect(await revertOf(router.write.deposit([0n]))).toEqual({ errorName: 'FeeRouterZeroAmount', args: [] })
  })

  it('withdraws only a requested amount after the delay, and not more than charges left', async () => {
    const router = routerAs(PAYER_A)
    const payer = address(PAYER_A)
    await mined(router.write.deposit([OPEN(10n)]))
    expect(await revertOf(router.write.withdraw([OPEN(1n)]))).toEqual({
      errorName: 'FeeRouterWithdrawalLocked',
      args: [payer, 0n, 0n],
    })
    expect(await revertOf(router.write.requestWithdrawal([OPEN(11n)]))).toEqual({
      errorName: 'FeeRouterInsufficientBalance',
      args: [payer, OPEN(10n), OPEN(11n)],
    })
    const requested = await mined(router.write.requestWithdrawal([OPEN(10n)]))
    const { unlocksAt } = await router.read.withdrawalOf([payer])
    expect(eventsIn(requested)).toEqual([
      ['WithdrawalRequested', { account: payer, amount: OPEN(10n), unlocksAt }],
    ])
    expect(await revertOf(router.write.withdraw([OPEN(4n)]))).toEqual({
      errorName: 'FeeRouterWithdrawalLocked',
      args: [payer, OPEN(10n), unlocksAt],
    })
    // An epoch posted meanwhile charged 7 (the balance stays chargeable): the balance bounds the withdrawal.
    await mined(post(buildEpoch(1n, [{ payer, amount: OPEN(7n) }], new Map())))
    await fixture.passTime(WITHDRAWAL_DELAY)
    expect(await revertOf(router.write.withdraw([OPEN(4n)]))).toEqual({
      errorName: 'FeeRouterInsufficientBalance',
      args: [payer, OPEN(3n), OPEN(4n)],
    })
    const before = await balanceOf(payer)
    const receipt = await mined(router.write.withdraw([OPEN(3n)]))
    expect(eventsIn(receipt)).toEqual([['Withdrawn', { account: payer, amount: OPEN(3n) }]])
    expect((await balanceOf(payer)) - before).toBe(OPEN(3n))
    expect(await router.read.balanceOf([payer])).toBe(0n)
    expect((await router.read.withdrawalOf([payer])).amount).toBe(OPEN(7n))
  })
})

describe('postEpoch', () => {
  it('debits the charges into escrow and opens the dispute window, paying nobody yet', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), earnings(CHARGES_1()))
    const routerHeld = await balanceOf(fixture.routerAddress())
    const receipt = await mined(post(e))
    const { timestamp } = await fixture.env.connection.publicClient.getBlock({
      blockNumber: receipt.blockNumber,
    })
    const finalizesAt = timestamp + DISPUTE_WINDOW
    expect(eventsIn(receipt)).toEqual([
      [
        'EpochPosted',
        {
          epoch: 1n,
          settler: address(SETTLER),
          receiptsRoot: e.receiptsRoot,
          payoutsRoot: e.payouts.root,
          totalCharged: totalOf(e.charges),
          contributorsPaid: e.contributorsPaid,
          finalizesAt,
        },
      ],
    ])
    expect(await balanceOf(fixture.routerAddress())).toBe(routerHeld)
    const router = routerAs(0)
    for (const charge of e.charges)
      expect(await router.read.balanceOf([charge.payer])).toBe(depositOf(charge.payer) - charge.amount)
    const pending = await router.read.pendingEpoch()
    expect(pending).toMatchObject({
      epoch: 1n,
      postedAt: timestamp,
      finalizesAt,
      settler: address(SETTLER),
      splits: SPLITS,
      charged: totalOf(e.charges),
      contributorsPaid: e.contributorsPaid,
    })
    expect(await router.read.epochOf([1n])).toEqual({
      receiptsRoot: e.receiptsRoot,
      payoutsRoot: e.payouts.root,
      contributorsFunded: 0n,
      contributorsClaimed: 0n,
      status: 1,
    })
    expect(await router.read.receiptsRootOf([1n])).toBe(`0x${'00'.repeat(32)}`)
    expect(await router.read.lastEpoch()).toBe(1n)
  })

  it('refuses a caller without SETTLER_ROLE, even bonded', async () => {
    await depositAll()
    await mined(routerAs(OUTSIDER).write.depositBond([MIN_BOND]))
    expect(await revertOf(post(buildEpoch(1n, CHARGES_1(), new Map()), OUTSIDER))).toEqual({
      errorName: 'AccessControlUnauthorizedAccount',
      args: [address(OUTSIDER), ROLES.settler],
    })
  })

  it('refuses an epoch out of order, and a second epoch while one is pending', async () => {
    await depositAll()
    const charges = [{ payer: address(PAYER_A), amount: OPEN(1n) }]
    expect(await revertOf(post(buildEpoch(2n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterUnexpectedEpoch',
      args: [1n, 2n],
    })
    await mined(post(buildEpoch(1n, charges, new Map())))
    expect(await revertOf(post(buildEpoch(2n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterEpochPending',
      args: [1n],
    })
    await fixture.passTime(DISPUTE_WINDOW)
    await mined(finalize(buildEpoch(1n, charges, new Map())))
    expect(await revertOf(post(buildEpoch(1n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterUnexpectedEpoch',
      args: [2n, 1n],
    })
    await mined(post(buildEpoch(2n, charges, new Map())))
  })

  it('refuses charges not sorted by payer, a payer twice, and an empty receipts root', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    const unsorted = { ...e, charges: [...e.charges].reverse() }
    expect(await revertOf(post(unsorted))).toEqual({ errorName: 'FeeRouterChargesNotSorted', args: [1n] })
    const [first] = e.charges
    const twice = { ...e, charges: [first!, first!] }
    expect(await revertOf(post(twice))).toEqual({ errorName: 'FeeRouterChargesNotSorted', args: [1n] })
    const rootless = { ...e, receiptsRoot: `0x${'00'.repeat(32)}` as Hex }
    expect(await revertOf(post(rootless))).toEqual({ errorName: 'FeeRouterEmptyReceiptsRoot', args: [] })
  })

  it('refuses a payer without the balance to cover its charge, naming it', async () => {
    await depositAll()
    const charges = CHARGES_1().map((c) =>
      c.payer === address(PAYER_C) ? { ...c, amount: DEPOSITS[2] + 1n } : c,
    )
    expect(await revertOf(post(buildEpoch(1n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterInsufficientBalance',
      args: [address(PAYER_C), DEPOSITS[2], DEPOSITS[2] + 1n],
    })
  })

  it('refuses agents fees that do not add up to the charges', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    e.agents[0]!.fees += 1n
    const total = totalOf(e.charges)
    expect(await revertOf(post(e))).toEqual({
      errorName: 'FeeRouterUnbalancedSettlement',
      args: [total, total + 1n],
    })
  })

  it('refuses adapter creators not paid exactly their pool, and contributors paid more than theirs', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    const { adapterPool, contributorPool } = expectedSplit(e.agents, 0n)
    e.adapters[1]!.amount -= 1n
    expect(await revertOf(post(e))).toEqual({
      errorName: 'FeeRouterUnbalancedAdapterFees',
      args: [adapterPool, adapterPool - 1n],
    })
    e.adapters[1]!.amount += 1n
    e.contributorsPaid = contributorPool + 1n
    expect(await revertOf(post(e))).toEqual({
      errorName: 'FeeRouterContributorsOverpaid',
      args: [contributorPool, contributorPool + 1n],
    })
  })

  it('refuses an agent without a creator', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    e.agents[2]!.agentId = 99n
    expect(await revertOf(post(e))).toEqual({ errorName: 'FeeRouterUnknownAgent', args: [99n] })
  })
})

describe('finalizeEpoch', () => {
  it('routes one epoch of 3 payers and 3 agents to every party, to the wei', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), earnings(CHARGES_1()))
    const expected = expectedSplit(e.agents, e.contributorsPaid)
    expect(e.contributorsPaid).toBeLessThan(expected.contributorPool)
    await mined(post(e))
    await fixture.passTime(DISPUTE_WINDOW)

    const parties = [
      ...AGENTS.map(creatorOf),
      ADAPTER_X,
      ADAPTER_Y,
      treasury(),
      fixture.stakingAddress(),
      fixture.routerAddress(),
    ]
    const before = await Promise.all(parties.map(balanceOf))
    const receipt = await mined(finalize(e))
    const delta = (await Promise.all(parties.map(balanceOf))).map((b, i) => b - before[i]!)

    expect(eventsIn(receipt)).toEqual([['EpochFinalized', { epoch: 1n }]])
    const stakersOfUnstaked = expected.stakers[2]!
    expect(delta).toEqual([
      ...expected.creators,
      e.adapters[0]!.amount,
      e.adapters[1]!.amount,
      expected.treasury + stakersOfUnstaked, // agent 3 has no stakers: AgentStaking forwards its share
      expected.stakers[0]! + expected.stakers[1]!,
      -(expected.total - e.contributorsPaid), // the router keeps what contributors will claim
    ])
    // Nothing created or lost: every wei charged is paid out or held for contributors.
    const paidOut = delta.slice(0, -1).reduce((a, b) => a + b, 0n)
    expect(paidOut + e.contributorsPaid).toBe(totalOf(e.charges))
    const staking = fixture.stakingContract()
    for (const [k, agentId] of STAKED_AGENTS.entries())
      expect(await staking.read.rewardOf([agentId])).toBe(expected.stakers[k])
    expect(await staking.read.rewardOf([AGENTS[2]])).toBe(0n)

    const router = routerAs(0)
    for (const charge of e.charges)
      expect(await router.read.balanceOf([charge.payer])).toBe(depositOf(charge.payer) - charge.amount)
    expect(await balanceOf(fixture.routerAddress())).toBe(
      DEPOSITS.reduce((a, b) => a + b, 0n) - expected.total + e.contributorsPaid + MIN_BOND,
    )
    expect(await router.read.receiptsRootOf([1n])).toBe(e.receiptsRoot)
    expect(await router.read.epochOf([1n])).toMatchObject({
      contributorsFunded: e.contributorsPaid,
      contributorsClaimed: 0n,
      status: 2,
    })
    expect((await router.read.pendingEpoch()).epoch).toBe(0n)
  })

  it('pays under the splits the epoch was posted with, not those set while it waited', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    await mined(post(e))
    const changed = { contributors: 0, agentCreator: 0, adapterCreators: 0, stakers: 0, treasury: 10_000 }
    await fixture.asSafe({ functionName: 'setSplits', args: [changed] })
    expect(await routerAs(0).read.splits()).toEqual(changed)
    await fixture.passTime(DISPUTE_WINDOW)
    const before = await balanceOf(creatorOf(AGENTS[0]))
    await mined(finalize(e))
    const { creators } = expectedSplit(e.agents, 0n)
    expect((await balanceOf(creatorOf(AGENTS[0]))) - before).toBe(creators[0])
  })

  it('settles an epoch without charges (no receipts paid): nothing moves', async () => {
    const e = buildEpoch(1n, [], new Map())
    const held = await balanceOf(fixture.routerAddress())
    await fixture.settle({ ...e, agents: [], adapters: [] })
    expect(await balanceOf(fixture.routerAddress())).toBe(held)
    expect((await routerAs(0).read.epochOf([1n])).status).toBe(2)
  })
})

describe('token plumbing', () => {
  it('pulls deposits with transferFrom: no allowance, no deposit', async () => {
    await mined(tokenAs(PAYER_A).write.approve([fixture.routerAddress(), 0n]))
    expect(await revertOf(routerAs(PAYER_A).write.deposit([1n]))).toMatchObject({
      errorName: 'ERC20InsufficientAllowance',
    })
  })
})
