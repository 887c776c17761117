import type { Address } from 'viem'
import type { Side } from './spendingLimitInvariantHarness.js'

/**
 * An off-chain reference model of SpendingLimitModule for two Safes, written from its NatSpec: allowances
 * under per-Safe generations, anchored periods (a period of P seconds starting at `lastReset` has passed at
 * `lastReset + P` exactly; then `lastReset` moves by whole periods), a period of 0 never resets, a change
 * keeps the period's spending (a changed period starts at the change). Besides what the contract stores, each
 * allowance keeps its *epoch* (from a reset to the next): the largest amount in force in it and what actually
 * left the Safe in it (invariant 1). Actions update the model only after their transaction succeeded.
 */
export type ModelAllowance = {
  amount: bigint
  spent: bigint
  period: bigint
  lastReset: bigint
  /** The largest `amount` in force since the epoch began (the max(old, new) rule). */
  epochMax: bigint
  /** What left the Safe through this allowance since the epoch began, as the balances showed. */
  epochMoved: bigint
}

export type ModelSafe = {
  enabled: boolean
  generation: bigint
  /** The current generation's delegates, each with its allowances by token in the order they were granted. */
  grants: Map<Address, Map<Address, ModelAllowance>>
  /** Delegates of an ended generation (for `model.reached`: they keep trying). */
  ended: Set<Address>
}

export type SpendingLimitModel = {
  /** The latest block's time: what views see. */
  now: bigint
  /** The block time the next transaction runs at (set on the devnet before each one). */
  next: bigint
  safes: [ModelSafe, ModelSafe]
  /** `${holder}:${token}` → the balance the model expects (tokens and ether). */
  balances: Map<string, bigint>
  /** Generations of dev accounts that called `endDelegations` for themselves (they end only their own). */
  accountGenerations: Map<Address, bigint>
  /** What the runs reached (outcomes, boundaries, races): the suite checks that every kind came up. */
  reached: Set<string>
}

/** `allowanceOf`'s shape. */
export type AllowanceView = {
  amount: bigint
  spent: bigint
  resetPeriod: bigint
  lastReset: bigint
  remaining: bigint
}

const ZERO_VIEW: AllowanceView = { amount: 0n, spent: 0n, resetPeriod: 0n, lastReset: 0n, remaining: 0n }

/** Whether the allowance's period has passed at block time `t` (never, for a one-time allowance). */
export const periodPassed = (a: ModelAllowance, t: bigint) => a.period > 0n && t >= a.lastReset + a.period

/** The contract's `_applyReset` at block time `t`: a passed period starts the epoch the block is in. */
export function applyReset(a: ModelAllowance, t: bigint): void {
  if (!periodPassed(a, t)) return
  a.lastReset = t - ((t - a.lastReset) % a.period)
  a.spent = 0n
  a.epochMax = a.amount
  a.epochMoved = 0n
}

/** `allowanceOf` at block time `t`: a passed period reads as reset. */
export function viewAt(a: ModelAllowance | undefined, t: bigint): AllowanceView {
  if (!a) return ZERO_VIEW
  const copy = { ...a }
  applyReset(copy, t)
  const { amount, spent, period: resetPeriod, lastReset } = copy
  return { amount, spent, resetPeriod, lastReset, remaining: amount > spent ? amount - spent : 0n }
}

/** `AllowanceExceeded`'s `resetsAt`: when the period ends, 0 for a one-time allowance. */
export const resetsAt = (a: { period: bigint; lastReset: bigint }) =>
  a.period === 0n ? 0n : a.lastReset + a.period

/** The model's allowance of `delegate` on side `side`'s Safe for `token`, undefined when none. */
export const allowanceOf = (model: SpendingLimitModel, side: Side, delegate: Address, token: Address) =>
  model.safes[side].grants.get(delegate)?.get(token)

/**
 * Records `setAllowance(delegate, token, amount, period)` by the Safe at block time `t`: a new grant starts
 * an epoch; a change applies a passed period first, restarts the period at `t` when it changes, and keeps
 * the spending, so the epoch's largest amount is the larger of old and new.
 */
export function grant(
  safe: ModelSafe,
  delegate: Address,
  token: Address,
  amount: bigint,
  period: bigint,
  t: bigint,
) {
  const tokens = safe.grants.get(delegate) ?? new Map<Address, ModelAllowance>()
  safe.grants.set(delegate, tokens)
  const a = tokens.get(token)
  if (!a) {
    tokens.set(token, { amount, spent: 0n, period, lastReset: t, epochMax: amount, epochMoved: 0n })
    return
  }
  applyReset(a, t)
  if (a.period !== period) {
    a.period = period
    a.lastReset = t
  }
  a.amount = amount
  if (amount > a.epochMax) a.epochMax = amount
}

/** `endDelegations` or a recorded disable: the Safe moves to a new, empty generation. */
export function endGeneration(safe: ModelSafe): void {
  for (const delegate of safe.grants.keys()) safe.ended.add(delegate)
  safe.generation += 1n
  safe.grants.clear()
}

/** `model.balances`' key. */
export const balanceKey = (holder: Address, token: Address) => `${holder}:${token}`
/** The balance of `token` the model expects `holder` to have. */
export const balanceOf = (model: SpendingLimitModel, holder: Address, token: Address) =>
  model.balances.get(balanceKey(holder, token)) ?? 0n
/** Moves `amount` of `token` from `from` to `to` in the model (either may be untracked: undefined). */
export function move(
  model: SpendingLimitModel,
  token: Address,
  amount: bigint,
  from?: Address,
  to?: Address,
) {
  if (from) model.balances.set(balanceKey(from, token), balanceOf(model, from, token) - amount)
  if (to) model.balances.set(balanceKey(to, token), balanceOf(model, to, token) + amount)
}
