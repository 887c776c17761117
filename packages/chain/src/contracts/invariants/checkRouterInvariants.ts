import { expect } from 'vitest'
import { payoutsTree } from '../feeRouterSettlement.js'
import { CONTRIBUTORS, DEPOSITORS, type ProtocolHarness, SETTLER } from './protocolHarness.js'
import type { EpochModel, EpochStatus, RouterModel } from './routerModel.js'

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)
const STATUS: Record<EpochStatus, number> = { pending: 1, final: 2, vetoed: 3, refunded: 4 }

/**
 * FeeRouter's invariants after a step, the chain against the model:
 * - books: prepaid balances, withdrawal requests, caps and their usage, the settler's bond, the last and the
 *   pending epoch, every epoch's status, funding, claims and who claimed it are what the model says;
 * - the router holds exactly the prepaid balances, the bonds, the escrow of pending and unrefunded vetoed
 *   epochs, and what final epochs funded and nobody claimed yet (`held`);
 * - no payer was charged more than it authorised: in every period, its charges net of refunds are at most
 *   the highest cap it authorised during that period, and the bystander (never authorised) was never charged;
 * - nobody takes funds finalised for others: each final epoch's claims stay within its funding, and what an
 *   honest final epoch has not paid yet covers all its unclaimed contributors in full;
 * - nobody is paid twice: each contributor received exactly the sum of the epochs it claimed, once each.
 */
export async function checkRouter(h: ProtocolHarness, model: Model, held: bigint) {
  const { router: books } = model
  const router = h.routerAs(0)
  const depositors = DEPOSITORS.map((i) => h.devnet.address(i))
  const prepaid = await Promise.all(depositors.map((p) => router.read.balanceOf([p])))
  expect(prepaid, 'prepaid balances').toEqual(depositors.map((p) => books.prepaid.get(p)))
  for (const payer of depositors) {
    const [cap, usage] = await router.read.chargeCapOf([payer])
    const modelUsage = books.usage.get(payer)
    expect({ cap, usage }, `${payer}'s cap`).toEqual({
      cap: books.caps.get(payer) ?? { perPeriod: 0n, period: 0n },
      usage: { spent: modelUsage?.spent ?? 0n, periodStart: modelUsage?.periodStart ?? 0n },
    })
    const { amount } = await router.read.withdrawalOf([payer])
    expect(amount, `${payer}'s withdrawal request`).toBe(books.withdrawals.get(payer)?.amount ?? 0n)
    for (const [id, period] of (books.periods.get(payer) ?? []).entries())
      expect(period.net, `${payer} charged in period ${id} beyond its cap`).toBeLessThanOrEqual(period.maxCap)
  }
  const bystander = depositors.at(-1)!
  expect(books.periods.get(bystander), 'the bystander was charged').toBeUndefined()
  const settler = h.devnet.address(SETTLER)
  expect(await router.read.bondOf([settler]), 'bond').toBe(books.bonds.get(settler))
  expect(await router.read.lastEpoch()).toBe(books.lastEpoch)
  expect((await router.read.pendingEpoch()).epoch, 'pending epoch').toBe(books.pending)
  for (const [n, e] of books.epochs) await checkEpoch(h, n, e)
  for (const contributor of CONTRIBUTORS)
    expect(await h.balanceOf(contributor), `${contributor} paid`).toBe(books.paidTo.get(contributor) ?? 0n)
  expect(held, 'FeeRouter holds prepaid + bonds + escrow + funded − claimed').toBe(owed(books))
}

type Model = { router: RouterModel }

async function checkEpoch(h: ProtocolHarness, n: bigint, e: EpochModel) {
  const router = h.routerAs(0)
  const record = await router.read.epochOf([n])
  expect(record, `epoch ${n}`).toMatchObject({
    status: STATUS[e.status],
    contributorsFunded: e.funded,
    contributorsClaimed: e.claimed,
  })
  expect(record.contributorsClaimed, `epoch ${n} paid beyond its funds`).toBeLessThanOrEqual(
    record.contributorsFunded,
  )
  if (e.status === 'final' && e.honest) {
    const unclaimed = sum([...e.amounts].filter(([a]) => !e.claimedBy.has(a)).map(([, v]) => v))
    expect(record.contributorsFunded - record.contributorsClaimed, `epoch ${n} cannot pay its own`).toBe(
      unclaimed,
    )
  }
  for (const claimant of h.claimants())
    expect(await router.read.isClaimed([n, claimant]), `${claimant} claimed epoch ${n}`).toBe(
      e.claimedBy.has(claimant),
    )
}

/** What the router owes: prepaid, bonds, escrowed charges (pending, vetoed not refunded), unclaimed funds. */
function owed(books: RouterModel): bigint {
  let total = sum([...books.prepaid.values()]) + sum([...books.bonds.values()])
  for (const e of books.epochs.values()) {
    if (e.status === 'pending' || e.status === 'vetoed') total += sum(e.charges.map((c) => c.amount))
    if (e.status === 'final') total += e.funded - e.claimed
  }
  return total
}

/**
 * At the end of a run: every contributor of an honest final epoch claims what it has not claimed yet, for
 * real, and receives exactly that, whatever the malicious settler posted and whoever claimed before.
 */
export async function claimEveryHonestPayout(h: ProtocolHarness, model: Model) {
  const epochs = [...model.router.epochs].filter(([, e]) => e.status === 'final' && e.honest)
  for (const claimant of h.claimants()) {
    const owed = epochs.filter(([, e]) => e.amounts.has(claimant) && !e.claimedBy.has(claimant))
    if (owed.length === 0) continue
    const claims = owed.map(([epoch, e]) => {
      const { amount, proof } = payoutsTree(e.amounts).proofOf(claimant)
      return { epoch, amount, proof }
    })
    const before = await h.balanceOf(claimant)
    await h.devnet.mined(h.routerAs(0).write.claimMany([claimant, claims]))
    expect((await h.balanceOf(claimant)) - before, `${claimant} claims in full`).toBe(
      sum(claims.map((c) => c.amount)),
    )
  }
}
