import type { Address } from 'viem'
import { newRouterModel, type RouterModel } from './routerModel.js'

/**
 * An off-chain reference model of AgentStaking's pools and FeeRouter's books, written from the contracts'
 * NatSpec formulas, plus what each staker is exactly entitled to (a rational, free of the contract's floors).
 * Actions update it only after their transaction succeeded; the invariants compare the chain with it.
 */
export const BPS = 10_000n
/** AgentStaking's REWARD_PRECISION. */
export const PRECISION = 10n ** 27n

export type Pool = { tokens: bigint; shares: bigint }
/** An exact non-negative rational `num / den`. */
export type Rational = { num: bigint; den: bigint }

export type ModelPosition = {
  activeShares: bigint
  unbondingShares: bigint
  /** Model clock (Σ passTime seconds) at the last unstake request. */
  unbondingRequestedAt: bigint
  /** Exact pro-rata share of every reward notified while the position held active shares. */
  entitled: Rational
  /** Rewards claimed so far. */
  claimed: bigint
  /** Upper bound on what the contract's roundings may leave unpaid (see `rewardFloorLoss`, `shareChangeLoss`). */
  lossTolerance: bigint
}

export type ModelAgent = {
  id: bigint
  active: Pool
  unbonding: Pool
  /** Mirrors the contract's floored `rewardPerShare`: only whether it is non-zero matters here. */
  rewardPerShare: bigint
  jailed: boolean
  openChallenge: { id: bigint; challenger: Address; bond: bigint } | undefined
}

export type Model = {
  /** Seconds passed by `passTime` since the run began. */
  clock: bigint
  agents: Map<bigint, ModelAgent>
  positions: Map<string, ModelPosition>
  challengeCount: bigint
  /** FeeRouter's books (routerModel.ts). */
  router: RouterModel
}

/** A fresh model: agents with empty pools, depositors at zero, settlers with the bonds they start with. */
export function newModel(
  agentIds: readonly bigint[],
  depositors: readonly Address[],
  bonds: ReadonlyMap<Address, bigint>,
) {
  const empty = (): Pool => ({ tokens: 0n, shares: 0n })
  return {
    clock: 0n,
    agents: new Map(
      agentIds.map((id) => [
        id,
        {
          id,
          active: empty(),
          unbonding: empty(),
          rewardPerShare: 0n,
          jailed: false,
          openChallenge: undefined,
        },
      ]),
    ),
    positions: new Map(),
    challengeCount: 0n,
    router: newRouterModel(depositors, bonds),
  } satisfies Model
}

/** The model's position of `staker` on `agentId`, created empty on first use. */
export function positionOf(model: Model, agentId: bigint, staker: Address): ModelPosition {
  const key = `${agentId}:${staker}`
  let position = model.positions.get(key)
  if (!position) {
    position = {
      activeShares: 0n,
      unbondingShares: 0n,
      unbondingRequestedAt: 0n,
      entitled: { num: 0n, den: 1n },
      claimed: 0n,
      lossTolerance: 0n,
    }
    model.positions.set(key, position)
  }
  return position
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
/** `a + num / den`, reduced. */
export function addRational(a: Rational, num: bigint, den: bigint): Rational {
  const n = a.num * den + num * a.den
  const d = a.den * den
  const g = gcd(n, d) || 1n
  return { num: n / g, den: d / g }
}
export const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b
export const mulDiv = (a: bigint, b: bigint, c: bigint) => (a * b) / c

/** AgentStaking `_sharesFor`: `floor(amount * (shares + 1) / (tokens + 1))`. */
export const sharesFor = (pool: Pool, amount: bigint) => mulDiv(amount, pool.shares + 1n, pool.tokens + 1n)
/** AgentStaking `_valueOf`: `floor(shares * pool.tokens / pool.shares)`. */
export const poolValue = (pool: Pool, shares: bigint) =>
  shares === 0n ? 0n : mulDiv(shares, pool.tokens, pool.shares)
/** Active shares an unstake of `amount` out of `staked` burns: all of them, else `ceil(amount * shares / tokens)`. */
export function sharesBurned(pool: Pool, held: bigint, staked: bigint, amount: bigint) {
  if (amount === staked) return held
  const ceil = ceilDiv(amount * pool.shares, pool.tokens)
  return ceil < held ? ceil : held
}
/** A pool's tokens after a slash of `bps`: `floor(tokens * (10000 - bps) / 10000)`. */
export const slashedTokens = (tokens: bigint, bps: bigint) => (tokens * (BPS - bps)) / BPS

/**
 * Records that a position's active shares changed. Once the agent has a non-zero `rewardPerShare`, the
 * contract keeps what the position is owed by setting `rewardDebt = ceil(newShares * rps / 1e27) - owed`; the
 * ceiling costs the position a fraction (< 1 wei) it never gets back: up to 1 wei of loss, never a credit.
 */
export function shareChangeLoss(agent: ModelAgent, position: ModelPosition) {
  if (agent.rewardPerShare !== 0n) position.lossTolerance += 1n
}

/**
 * Records a reward notification of `amount` to an agent with active stake: each position is entitled to
 * exactly `amount * shares / totalShares`. The contract pays less by its floors: `rewardPerShare` is floored
 * (a position loses `< shares / 1e27` wei) and the position's accrual is floored once per stretch of constant
 * shares that saw a reward (< 1 wei), hence `1 + ceil(shares / 1e27)` wei of tolerance per notification.
 */
export function rewardFloorLoss(model: Model, agent: ModelAgent, amount: bigint) {
  const total = agent.active.shares
  agent.rewardPerShare += mulDiv(amount, PRECISION, total)
  for (const [key, position] of model.positions) {
    if (!key.startsWith(`${agent.id}:`) || position.activeShares === 0n) continue
    position.entitled = addRational(position.entitled, amount * position.activeShares, total)
    position.lossTolerance += 1n + ceilDiv(position.activeShares, PRECISION)
  }
}

/** Positions of one agent, with their stakers. */
export function positionsOf(model: Model, agentId: bigint): Array<[Address, ModelPosition]> {
  const prefix = `${agentId}:`
  return [...model.positions]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, position]) => [key.slice(prefix.length) as Address, position])
}
