import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import { OPEN, OUTSIDER, PAYER_A, PAYER_B, useFeeRouter } from './feeRouterFixture.js'
import {
  buildEpoch,
  type Charge,
  CONTRIBUTOR_1,
  CONTRIBUTOR_2,
  type Epoch,
  earnings,
  payoutsTree,
} from './feeRouterSettlement.js'

/** Contributors claim each final epoch's amount against that epoch's payouts root and funds. */
const fixture = useFeeRouter()
const { address, routerAs, mined, eventsIn, balanceOf, settle, post } = fixture

async function deposit() {
  await mined(routerAs(PAYER_A).write.deposit([OPEN(100n)]))
  await mined(routerAs(PAYER_B).write.deposit([OPEN(100n)]))
}
const charges = (a: bigint, b: bigint): Charge[] => [
  { payer: address(PAYER_A), amount: a },
  { payer: address(PAYER_B), amount: b },
]
const epochOf = (n: bigint, amounts: Charge[]) => buildEpoch(n, amounts, earnings(amounts))
const FIRST = () => epochOf(1n, charges(OPEN(20n) + 7n, OPEN(3n)))
const SECOND = () => epochOf(2n, charges(OPEN(11n), OPEN(9n) + 5n))
const claimOf = (e: Epoch, account: `0x${string}`) => {
  const { amount, proof } = e.payouts.proofOf(account)
  return [e.epoch, account, amount, proof] as const
}

describe('claim', () => {
  it('pays a contributor its amount of a final epoch, once; anyone may claim for it', async () => {
    await deposit()
    const e = FIRST()
    await settle(e)
    const router = routerAs(OUTSIDER)
    const args = claimOf(e, CONTRIBUTOR_1)
    const receipt = await mined(router.write.claim(args))
    expect(eventsIn(receipt)).toEqual([['Claimed', { epoch: 1n, account: CONTRIBUTOR_1, amount: args[2] }]])
    // A first claim by an address holding no OPEN writes two fresh slots (claimed, token balance): 22,100 gas
    // each; a later claim (the account holds OPEN) stays within 80k (below).
    expect(receipt.gasUsed).toBeLessThanOrEqual(100_000n)
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(args[2])
    expect(await router.read.isClaimed([1n, CONTRIBUTOR_1])).toBe(true)
    expect(await router.read.isClaimed([1n, CONTRIBUTOR_2])).toBe(false)
    expect(await revertOf(router.write.claim(args))).toEqual({
      errorName: 'FeeRouterAlreadyClaimed',
      args: [1n, CONTRIBUTOR_1],
    })
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(args[2])
    expect((await router.read.epochOf([1n])).contributorsClaimed).toBe(args[2])
  })

  it('claims each epoch against its own root: one claim per epoch, or several in one claimMany', async () => {
    await deposit()
    const [first, second] = [FIRST(), SECOND()]
    await settle(first)
    await settle(second)
    const router = routerAs(OUTSIDER)
    const one = claimOf(first, CONTRIBUTOR_1)
    const two = claimOf(second, CONTRIBUTOR_1)
    expect(await revertOf(router.write.claim([2n, CONTRIBUTOR_1, one[2], one[3]]))).toEqual({
      errorName: 'FeeRouterInvalidProof',
      args: [2n, CONTRIBUTOR_1, one[2]],
    })
    await mined(router.write.claim(one))
    const again = await mined(router.write.claim(two))
    expect(again.gasUsed).toBeLessThanOrEqual(80_000n)
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(one[2] + two[2])

    const both = [first, second].map((e) => {
      const { amount, proof } = e.payouts.proofOf(CONTRIBUTOR_2)
      return { epoch: e.epoch, amount, proof }
    })
    const many = await mined(router.write.claimMany([CONTRIBUTOR_2, both]))
    expect(eventsIn(many)).toEqual(
      both.map(({ epoch, amount }) => ['Claimed', { epoch, account: CONTRIBUTOR_2, amount }]),
    )
    expect(await balanceOf(CONTRIBUTOR_2)).toBe(both[0]!.amount + both[1]!.amount)
    expect(await revertOf(router.write.claimMany([CONTRIBUTOR_2, both.slice(1)]))).toEqual({
      errorName: 'FeeRouterAlreadyClaimed',
      args: [2n, CONTRIBUTOR_2],
    })
    expect(await revertOf(router.write.claimMany([CONTRIBUTOR_2, []]))).toEqual({
      errorName: 'FeeRouterZeroAmount',
      args: [],
    })
    for (const e of [first, second])
      expect((await router.read.epochOf([e.epoch])).contributorsClaimed).toBe(
        e.amounts.get(CONTRIBUTOR_1)! + e.amounts.get(CONTRIBUTOR_2)!,
      )
  })

  it('pays nobody twice: claimMany naming one epoch twice claims it once', async () => {
    await deposit()
    const e = FIRST()
    await settle(e)
    const { amount, proof } = e.payouts.proofOf(CONTRIBUTOR_1)
    const twice = [1n, 1n].map((epoch) => ({ epoch, amount, proof }))
    expect(await revertOf(routerAs(OUTSIDER).write.claimMany([CONTRIBUTOR_1, twice]))).toEqual({
      errorName: 'FeeRouterAlreadyClaimed',
      args: [1n, CONTRIBUTOR_1],
    })
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(0n)
  })

  it('refuses a bad proof: another amount, another account, or a proof of someone else', async () => {
    await deposit()
    const e = FIRST()
    await settle(e)
    const router = routerAs(OUTSIDER)
    const [epoch, account, amount, proof] = claimOf(e, CONTRIBUTOR_1)
    const invalid = (who: `0x${string}`, value: bigint) => ({
      errorName: 'FeeRouterInvalidProof',
      args: [epoch, who, value],
    })
    expect(await revertOf(router.write.claim([epoch, account, amount + 1n, proof]))).toEqual(
      invalid(account, amount + 1n),
    )
    expect(await revertOf(router.write.claim([epoch, CONTRIBUTOR_2, amount, proof]))).toEqual(
      invalid(CONTRIBUTOR_2, amount),
    )
    const theirs = e.payouts.proofOf(CONTRIBUTOR_2)
    expect(await revertOf(router.write.claim([epoch, account, amount, theirs.proof]))).toEqual(
      invalid(account, amount),
    )
    expect(await revertOf(router.write.claim([epoch, account, 0n, proof]))).toEqual({
      errorName: 'FeeRouterZeroAmount',
      args: [],
    })
    expect(await balanceOf(CONTRIBUTOR_1)).toBe(0n)
  })

  it('refuses claims of an epoch that is not final: pending, vetoed, or never posted', async () => {
    await deposit()
    const e = FIRST()
    await mined(post(e))
    const router = routerAs(OUTSIDER)
    expect(await revertOf(router.write.claim(claimOf(e, CONTRIBUTOR_1)))).toEqual({
      errorName: 'FeeRouterEpochNotFinal',
      args: [1n],
    })
    await fixture.asSafe({ functionName: 'vetoEpoch', args: [1n, 0n] })
    expect(await revertOf(router.write.claim(claimOf(e, CONTRIBUTOR_1)))).toEqual({
      errorName: 'FeeRouterEpochNotFinal',
      args: [1n],
    })
    const [, account, amount, proof] = claimOf(e, CONTRIBUTOR_1)
    expect(await revertOf(router.write.claim([7n, account, amount, proof]))).toEqual({
      errorName: 'FeeRouterEpochNotFinal',
      args: [7n],
    })
  })

  it('never pays more than an epoch funded, even under a root that promises more; earlier epochs stay whole', async () => {
    await deposit()
    const first = FIRST()
    await settle(first)
    // A faulty settler publishes a root promising 1,000 OPEN but funds only 1 OPEN.
    const promised = new Map([[CONTRIBUTOR_1, OPEN(1000n)]])
    const second = {
      ...SECOND(),
      amounts: promised,
      payouts: payoutsTree(promised),
      contributorsPaid: OPEN(1n),
    }
    await settle(second)
    const router = routerAs(OUTSIDER)
    expect(await revertOf(router.write.claim(claimOf(second, CONTRIBUTOR_1)))).toEqual({
      errorName: 'FeeRouterUnderfunded',
      args: [2n, OPEN(1n), OPEN(1000n)],
    })
    for (const who of [CONTRIBUTOR_1, CONTRIBUTOR_2]) await mined(router.write.claim(claimOf(first, who)))
    expect(await balanceOf(CONTRIBUTOR_2)).toBe(first.amounts.get(CONTRIBUTOR_2))
  })
})
