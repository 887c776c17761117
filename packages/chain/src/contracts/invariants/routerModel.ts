import type { Address, Hex } from 'viem'
import type { AdapterCreatorFees, AgentFees, Charge } from '../feeRouterSettlement.js'

/**
 * The reference model of FeeRouter's books, written from its NatSpec: prepaid balances, caps and their usage
 * per period, withdrawal requests, settler bonds and epochs. Time is the model clock (whole hours of
 * `passTime`): the periods, the dispute window and the withdrawal delay are whole hours, and the seconds that
 * blocks add between two `passTime`s stay far below an hour, so "has the window passed" reads the same on
 * the clock as on the chain.
 */
export type RouterModel = {
  prepaid: Map<Address, bigint>
  caps: Map<Address, { perPeriod: bigint; period: bigint }>
  usage: Map<Address, Usage>
  /** Per payer, per period (by id): what was charged net of refunds, and the highest cap it authorised then. */
  periods: Map<Address, PeriodLedger[]>
  withdrawals: Map<Address, { amount: bigint; requestedAt: bigint }>
  bonds: Map<Address, bigint>
  lastEpoch: bigint
  /** The pending epoch's number, 0n when none. */
  pending: bigint
  epochs: Map<bigint, EpochModel>
  /** What each account received through claims. */
  paidTo: Map<Address, bigint>
}

export type Usage = { spent: bigint; id: number; startedAt: bigint; periodStart: bigint }
export type PeriodLedger = { net: bigint; maxCap: bigint }
export type EpochStatus = 'pending' | 'final' | 'vetoed' | 'refunded'
export type EpochModel = {
  status: EpochStatus
  /** Posted by the honest settler: its payouts root pays exactly what it funds to contributors. */
  honest: boolean
  receiptsRoot: Hex
  charges: Charge[]
  agents: AgentFees[]
  adapters: AdapterCreatorFees[]
  contributorsPaid: bigint
  amounts: Map<Address, bigint>
  funded: bigint
  claimed: bigint
  claimedBy: Set<Address>
  postedAt: bigint
  /** The period (id) each payer's charge was counted in. */
  periodOf: Map<Address, number>
}

export const WINDOW = 3600n
export const WITHDRAWAL_DELAY = 24n * 3600n

/** A fresh router model: nobody deposited or authorised anything; `bonds` as the harness set them up. */
export function newRouterModel(
  depositors: readonly Address[],
  bonds: ReadonlyMap<Address, bigint>,
): RouterModel {
  return {
    prepaid: new Map(depositors.map((p) => [p, 0n])),
    caps: new Map(),
    usage: new Map(),
    periods: new Map(),
    withdrawals: new Map(),
    bonds: new Map(bonds),
    lastEpoch: 0n,
    pending: 0n,
    epochs: new Map(),
    paidTo: new Map(),
  }
}

export type Refusal = { errorName: string; args: readonly unknown[] }

/** What the payer's cap leaves to charge at `clock`: all of it once its period has passed. */
export function capLeft(router: RouterModel, payer: Address, clock: bigint): bigint {
  const cap = router.caps.get(payer) ?? { perPeriod: 0n, period: 0n }
  const usage = router.usage.get(payer)
  if (!usage || clock - usage.startedAt >= cap.period) return cap.perPeriod
  return cap.perPeriod > usage.spent ? cap.perPeriod - usage.spent : 0n
}

/** How much settlement may charge `payer` at `clock`: the cap left, at most its balance. */
export function chargeable(router: RouterModel, payer: Address, clock: bigint): bigint {
  const left = capLeft(router, payer, clock)
  const balance = router.prepaid.get(payer) ?? 0n
  return left < balance ? left : balance
}

export type Debit = { payer: Address; amount: bigint; usage: Usage; rolled: boolean }[]

/**
 * Plans debiting sorted `charges` at `clock` as postEpoch does (authorisation, cap, balance, in that order per
 * payer): the refusal the contract must give, or the debits `applyDebit` records once the post succeeded.
 *
 * @example
 * const plan = planDebit(model.router, charges, model.clock)
 */
export function planDebit(router: RouterModel, charges: readonly Charge[], clock: bigint): Refusal | Debit {
  const plan: Debit = []
  for (const { payer, amount } of charges) {
    const cap = router.caps.get(payer) ?? { perPeriod: 0n, period: 0n }
    if (cap.perPeriod === 0n) return { errorName: 'FeeRouterChargeNotAuthorized', args: [payer] }
    const current = router.usage.get(payer)
    const rolled = !current || clock - current.startedAt >= cap.period
    const usage = rolled
      ? { spent: 0n, id: (current?.id ?? -1) + 1, startedAt: clock, periodStart: 0n }
      : current
    const left = cap.perPeriod > usage.spent ? cap.perPeriod - usage.spent : 0n
    if (amount > left) return { errorName: 'FeeRouterChargeAboveCap', args: [payer, left, amount] }
    const balance = router.prepaid.get(payer) ?? 0n
    if (amount > balance) return { errorName: 'FeeRouterInsufficientBalance', args: [payer, balance, amount] }
    plan.push({ payer, amount, usage, rolled })
  }
  return plan
}

/**
 * Records a successful post's debits; a payer whose charge started a period gets the block's `timestamp` as
 * its period start. Returns the period (id) each charge was counted in.
 */
export function applyDebit(router: RouterModel, plan: Debit, timestamp: bigint): Map<Address, number> {
  const periodOf = new Map<Address, number>()
  for (const { payer, amount, usage, rolled } of plan) {
    router.prepaid.set(payer, router.prepaid.get(payer)! - amount)
    router.usage.set(payer, {
      ...usage,
      spent: usage.spent + amount,
      periodStart: rolled ? timestamp : usage.periodStart,
    })
    const ledger = router.periods.get(payer) ?? []
    if (rolled) ledger.push({ net: 0n, maxCap: router.caps.get(payer)!.perPeriod })
    ledger[usage.id]!.net += amount
    router.periods.set(payer, ledger)
    periodOf.set(payer, usage.id)
  }
  return periodOf
}

/** Records a new cap; the current period's ledger remembers the highest cap authorised while it ran. */
export function authorize(router: RouterModel, payer: Address, perPeriod: bigint, period: bigint) {
  router.caps.set(payer, { perPeriod, period })
  const current = router.periods.get(payer)?.at(-1)
  if (current && perPeriod > current.maxCap) current.maxCap = perPeriod
}

/** Gives a vetoed epoch's charges back: balances always, cap usage only in the period they were counted in. */
export function refund(router: RouterModel, epoch: EpochModel) {
  for (const { payer, amount } of epoch.charges) {
    router.prepaid.set(payer, router.prepaid.get(payer)! + amount)
    const id = epoch.periodOf.get(payer)!
    router.periods.get(payer)![id]!.net -= amount
    const usage = router.usage.get(payer)!
    if (usage.id === id) usage.spent = usage.spent > amount ? usage.spent - amount : 0n
  }
  epoch.status = 'refunded'
}
