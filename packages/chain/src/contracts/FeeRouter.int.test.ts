import { type Address, zeroHash } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  AGENTS,
  addressOf,
  creatorOf,
  OPEN,
  OUTSIDER,
  PAYER_A,
  PAYER_B,
  PAYER_C,
  PAYERS,
  SETTLER,
  SPLITS,
  STAKED_AGENTS,
  useFeeRouter,
  WITHDRAWAL_DELAY,
} from './feeRouterFixture.js'
import {
  type AdapterCreatorFees,
  type AgentFees,
  adapterCreatorFees,
  type Charge,
  expectedSplit,
  payoutsTree,
  receiptsTree,
} from './feeRouterSettlement.js'

const fixture = useFeeRouter()
const { address, routerAs, tokenAs, mined, eventsIn, balanceOf, treasury } = fixture

const [CONTRIBUTOR_1, CONTRIBUTOR_2, CONTRIBUTOR_3] = ['c1', 'c2', 'c3'].map(addressOf) as [
  Address,
  Address,
  Address,
]
const [ADAPTER_X, ADAPTER_Y] = [addressOf('adapter x'), addressOf('adapter y')]
const DEPOSITS = [OPEN(100n), OPEN(50n), OPEN(20n)] as const

/** Odd wei amounts so that every floor leaves dust. */
const CHARGES_1 = () =>
  [
    { payer: address(PAYER_A), amount: OPEN(12n) + 345_678_901_234_567_891n },
    { payer: address(PAYER_B), amount: OPEN(7n) + 13n },
    { payer: address(PAYER_C), amount: OPEN(3n) + 7n },
  ] satisfies Charge[]
const totalOf = (charges: readonly Charge[]) => charges.reduce((a, c) => a + c.amount, 0n)
/** Spreads `total` over the three agents unevenly (about 47%, 29% and 24%). */
function agentFeesOf(total: bigint): AgentFees[] {
  const first = (total * 47n) / 100n + 1n
  const second = (total * 29n) / 100n + 3n
  return [
    { agentId: AGENTS[0], fees: first },
    { agentId: AGENTS[1], fees: second },
    { agentId: AGENTS[2], fees: total - first - second },
  ]
}

async function depositAll() {
  for (const [k, i] of PAYERS.entries()) await mined(routerAs(i).write.deposit([DEPOSITS[k]!]))
}

type Epoch = {
  epoch: bigint
  charges: Charge[]
  agents: AgentFees[]
  adapters: AdapterCreatorFees[]
  contributorsPaid: bigint
  payouts: ReturnType<typeof payoutsTree>
  receiptsRoot: `0x${string}`
}

/** Builds an epoch whose contributors earn `earned` this epoch on top of `previous` cumulative payouts. */
function buildEpoch(
  epoch: bigint,
  charges: Charge[],
  earned: ReadonlyMap<Address, bigint>,
  previous: ReadonlyMap<Address, bigint> = new Map(),
): Epoch & { cumulative: Map<Address, bigint> } {
  const agents = agentFeesOf(totalOf(charges))
  const { adapterPool } = expectedSplit(agents, 0n)
  const cumulative = new Map(previous)
  for (const [account, amount] of earned) cumulative.set(account, (cumulative.get(account) ?? 0n) + amount)
  return {
    epoch,
    charges,
    agents,
    adapters: adapterCreatorFees(adapterPool, ADAPTER_X, ADAPTER_Y),
    contributorsPaid: [...earned.values()].reduce((a, b) => a + b, 0n),
    payouts: payoutsTree(cumulative),
    receiptsRoot: receiptsTree(5, epoch).root as `0x${string}`,
    cumulative,
  }
}

/** Contributors earn about half, 30% and 15% of the pool; the remaining ~5% stands for no-evidence answers. */
function earnings(charges: Charge[]): Map<Address, bigint> {
  const { contributorPool } = expectedSplit(agentFeesOf(totalOf(charges)), 0n)
  return new Map([
    [CONTRIBUTOR_1, (contributorPool * 50n) / 100n + 1n],
    [CONTRIBUTOR_2, (contributorPool * 30n) / 100n],
    [CONTRIBUTOR_3, (contributorPool * 15n) / 100n - 3n],
  ])
}

const settle = (e: Epoch, as: number = SETTLER) =>
  routerAs(as).write.settleEpoch([
    e.epoch,
    e.receiptsRoot,
    e.payouts.root,
    e.charges,
    e.agents,
    e.adapters,
    e.contributorsPaid,
  ])

describe('FeeRouter deployment', () => {
  it('is owned by the treasury Safe, with the settler, splits and delay it was given', async () => {
    const router = routerAs(0)
    expect(await router.read.owner()).toBe(treasury())
    expect(await router.read.treasury()).toBe(treasury())
    expect(await router.read.settler()).toBe(address(SETTLER))
    expect(await router.read.splits()).toEqual(SPLITS)
    expect(await router.read.withdrawalDelay()).toBe(WITHDRAWAL_DELAY)
    expect(await router.read.lastEpoch()).toBe(0n)
    expect(await router.read.payoutsRoot()).toBe(zeroHash)
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
    expect(await balanceOf(fixture.routerAddress())).toBe(OPEN(12n))
    expect(await revertOf(router.write.deposit([0n]))).toEqual({ errorName: 'FeeRouterZeroAmount', args: [] })
  })

  it('withdraws only a requested amount after the delay, and not more than the balance', async () => {
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
    await fixture.passTime(WITHDRAWAL_DELAY)
    // A settlement charged 7 meanwhile: the balance, not the request, bounds the withdrawal.
    const charges = [{ payer, amount: OPEN(7n) }]
    await mined(settle(buildEpoch(1n, charges, new Map())))
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

describe('settleEpoch', () => {
  it('routes one epoch of 3 payers and 3 agents to every party, to the wei', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), earnings(CHARGES_1()))
    const expected = expectedSplit(e.agents, e.contributorsPaid)
    expect(e.contributorsPaid).toBeLessThan(expected.contributorPool)

    const parties = [
      ...AGENTS.map(creatorOf),
      ADAPTER_X,
      ADAPTER_Y,
      treasury(),
      fixture.stakingAddress(),
      fixture.routerAddress(),
    ]
    const before = await Promise.all(parties.map(balanceOf))
    const receipt = await mined(settle(e))
    const delta = (await Promise.all(parties.map(balanceOf))).map((b, i) => b - before[i]!)

    expect(eventsIn(receipt)).toEqual([
      [
        'EpochSettled',
        {
          epoch: 1n,
          receiptsRoot: e.receiptsRoot,
          payoutsRoot: e.payouts.root,
          totalCharged: expected.total,
          contributorsPaid: e.contributorsPaid,
        },
      ],
    ])
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
    for (const [k, charge] of e.charges.entries())
      expect(await router.read.balanceOf([charge.payer])).toBe(DEPOSITS[k]! - charge.amount)
    expect(await balanceOf(fixture.routerAddress())).toBe(
      DEPOSITS.reduce((a, b) => a + b, 0n) - expected.total + e.contributorsPaid,
    )
    expect(await router.read.lastEpoch()).toBe(1n)
    expect(await router.read.receiptsRootOf([1n])).toBe(e.receiptsRoot)
    expect(await router.read.payoutsRoot()).toBe(e.payouts.root)
    expect(await router.read.contributorTotals()).toEqual([e.contributorsPaid, 0n])
  })

  it('refuses a caller other than the settler', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    expect(await revertOf(settle(e, OUTSIDER))).toEqual({
      errorName: 'FeeRouterUnauthorizedSettler',
      args: [address(OUTSIDER)],
    })
  })

  it('refuses an epoch out of order, and settling one twice', async () => {
    await depositAll()
    const charges = [{ payer: address(PAYER_A), amount: OPEN(1n) }]
    expect(await revertOf(settle(buildEpoch(2n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterUnexpectedEpoch',
      args: [1n, 2n],
    })
    await mined(settle(buildEpoch(1n, charges, new Map())))
    expect(await revertOf(settle(buildEpoch(1n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterUnexpectedEpoch',
      args: [2n, 1n],
    })
  })

  it('refuses a payer without the balance to cover its charge', async () => {
    await depositAll()
    const charges = [...CHARGES_1(), { payer: address(PAYER_C), amount: OPEN(17n) }]
    const remaining = DEPOSITS[2] - CHARGES_1()[2]!.amount
    expect(await revertOf(settle(buildEpoch(1n, charges, new Map())))).toEqual({
      errorName: 'FeeRouterInsufficientBalance',
      args: [address(PAYER_C), remaining, OPEN(17n)],
    })
  })

  it('refuses agents fees that do not add up to the charges', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    e.agents[0]!.fees += 1n
    const total = totalOf(e.charges)
    expect(await revertOf(settle(e))).toEqual({
      errorName: 'FeeRouterUnbalancedSettlement',
      args: [total, total + 1n],
    })
  })

  it('refuses adapter creators not paid exactly their pool, and contributors paid more than theirs', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    const { adapterPool, contributorPool } = expectedSplit(e.agents, 0n)
    e.adapters[1]!.amount -= 1n
    expect(await revertOf(settle(e))).toEqual({
      errorName: 'FeeRouterUnbalancedAdapterFees',
      args: [adapterPool, adapterPool - 1n],
    })
    e.adapters[1]!.amount += 1n
    e.contributorsPaid = contributorPool + 1n
    expect(await revertOf(settle(e))).toEqual({
      errorName: 'FeeRouterContributorsOverpaid',
      args: [contributorPool, contributorPool + 1n],
    })
  })

  it('refuses an agent without a creator', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), new Map())
    e.agents[2]!.agentId = 99n
    expect(await revertOf(settle(e))).toEqual({ errorName: 'FeeRouterUnknownAgent', args: [99n] })
  })
})

describe('claim', () => {
  it('pays a contributor with a proof, once; a later epoch pays only the increase', async () => {
    await depositAll()
    const first = buildEpoch(1n, CHARGES_1(), earnings(CHARGES_1()))
    await mined(settle(first))
    const router = routerAs(OUTSIDER) // anyone may claim on a contributor's behalf
    const { account, cumulative, proof } = first.payouts.proofOf(CONTRIBUTOR_1)
    const receipt = await mined(router.write.claim([account, cumulative, proof]))
    expect(eventsIn(receipt)).toEqual([['Claimed', { account, amount: cumulative, cumulative }]])
    // A first claim to an address holding no OPEN writes two fresh slots (claimed, token balance).
    expect(receipt.gasUsed).toBeLessThanOrEqual(100_000n)
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(cumulative)
    expect(await router.read.claimed([CONTRIBUTOR_1])).toBe(cumulative)
    expect(await revertOf(router.write.claim([account, cumulative, proof]))).toEqual({
      errorName: 'FeeRouterNothingToClaim',
      args: [CONTRIBUTOR_1],
    })
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(cumulative)

    const charges2 = [{ payer: address(PAYER_B), amount: OPEN(20n) + 1n }]
    const second = buildEpoch(2n, charges2, earnings(charges2), first.cumulative)
    await mined(settle(second))
    const next = second.payouts.proofOf(CONTRIBUTOR_1)
    expect(next.cumulative).toBeGreaterThan(cumulative)
    // The old root is gone: only the latest cumulative proves.
    expect(await revertOf(router.write.claim([account, cumulative, proof]))).toMatchObject({
      errorName: 'FeeRouterInvalidProof',
    })
    const again = await mined(router.write.claim([next.account, next.cumulative, next.proof]))
    expect(again.gasUsed).toBeLessThanOrEqual(80_000n)
    expect(eventsIn(again)).toEqual([
      ['Claimed', { account, amount: next.cumulative - cumulative, cumulative: next.cumulative }],
    ])
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(next.cumulative)
    // A contributor who never claimed gets both epochs at once.
    const other = second.payouts.proofOf(CONTRIBUTOR_2)
    await mined(router.write.claim([other.account, other.cumulative, other.proof]))
    expect(await balanceOf(CONTRIBUTOR_2)).toBe(other.cumulative)
    const funded = first.contributorsPaid + second.contributorsPaid
    expect(await router.read.contributorTotals()).toEqual([funded, next.cumulative + other.cumulative])
  })

  it('refuses a bad proof: another amount, another account, or a proof of someone else', async () => {
    await depositAll()
    const e = buildEpoch(1n, CHARGES_1(), earnings(CHARGES_1()))
    await mined(settle(e))
    const router = routerAs(OUTSIDER)
    const { account, cumulative, proof } = e.payouts.proofOf(CONTRIBUTOR_1)
    expect(await revertOf(router.write.claim([account, cumulative + 1n, proof]))).toEqual({
      errorName: 'FeeRouterInvalidProof',
      args: [account, cumulative + 1n],
    })
    expect(await revertOf(router.write.claim([CONTRIBUTOR_2, cumulative, proof]))).toEqual({
      errorName: 'FeeRouterInvalidProof',
      args: [CONTRIBUTOR_2, cumulative],
    })
    const theirs = e.payouts.proofOf(CONTRIBUTOR_2)
    expect(await revertOf(router.write.claim([account, cumulative, theirs.proof]))).toEqual({
      errorName: 'FeeRouterInvalidProof',
      args: [account, cumulative],
    })
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(0n)
  })

  it('never pays more than settlements funded, even under a root that promises more', async () => {
    await depositAll()
    const charges = [{ payer: address(PAYER_A), amount: OPEN(20n) }]
    // A faulty settler publishes a root promising 1,000 OPEN but funds only 1 OPEN.
    const e = buildEpoch(1n, charges, new Map([[CONTRIBUTOR_1, OPEN(1000n)]]))
    e.contributorsPaid = OPEN(1n)
    await mined(settle(e))
    const { account, cumulative, proof } = e.payouts.proofOf(CONTRIBUTOR_1)
    expect(await revertOf(routerAs(OUTSIDER).write.claim([account, cumulative, proof]))).toEqual({
      errorName: 'FeeRouterUnderfunded',
      args: [OPEN(1n), OPEN(1000n)],
    })
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
