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
  /** Active shares staked in reward round `warmingRound`: they earn once that round has closed. */
  warmingShares: bigint
  warmingRound: bigint
}

/** A challenge neither resolved nor closed as expired; `openedAt` is on the model clock. */
export type ModelChallenge = { id: bigint; challenger: Address; bond: bigint; openedAt: bigint }

export type ModelAgent = {
  id: bigint
  active: Pool
  unbonding: Pool
  /** Mirrors the contract's floored `rewardPerShare`: only whether it is non-zero matters here. */
  rewardPerShare: bigint
  jailed: boolean
  /** Open challenges (expired ones too, until someone closes them), by id. */
  challenges: Map<bigint, ModelChallenge>
  /** The latest `openedAt + challengePeriod` of any challenge ever opened against the agent (model clock). */
  frozenUntil: bigint
  /** Reward rounds closed so far, and the active shares staked in the current one. */
  round: bigint
  warmingShares: bigint
}

export type Model = {
  /** Seconds passed by `passTime` since the run began. */
  clock: bigint
  agents: Map<bigint, ModelAgent>
  positions: Map<string, ModelPosition>
  challengeCount: bigint
  /** Commitments made and not revealed: their values, by committer. */
  commitments: Map<Address, { agentId: bigint; evidence: `0x${string}`; salt: `0x${string}` }>
  /** The challenge each `agentId:evidenceHash` opened. */
  evidenceChallenge: Map<string, bigint>
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
          challenges: new Map<bigint, ModelChallenge>(),
          frozenUntil: 0n,
          round: 0n,
          warmingShares: 0n,
        },
      ]),
    ),
    positions: new Map(),
    challengeCount: 0n,
    commitments: new Map(),
    evidenceChallenge: new Map(),
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
      warmingShares: 0n,
      warmingRound: 0n,
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
 * Records that a position's earning shares changed. Once the agent has a non-zero `rewardPerShare`, the
 * contract keeps what the position is owed by setting `rewardDebt = ceil(newShares * rps / 1e27) - owed`; the
 * ceiling costs the position a fraction (< 1 wei) it never gets back: up to 1 wei of loss, never a credit.
 */
export function shareChangeLoss(agent: ModelAgent, position: ModelPosition) {
  if (agent.rewardPerShare !== 0n) position.lossTolerance += 1n
}

/**
 * AgentStaking `_ripen`: a position's warming shares of a closed round start earning, from the rewardPerShare
 * their round closed at; the contract adds their accrual up to it to the debt, rounded up: up to 1 wei of loss.
 */
export function ripen(agent: ModelAgent, position: ModelPosition) {
  if (position.warmingShares === 0n || position.warmingRound >= agent.round) return
  position.warmingShares = 0n
  position.lossTolerance += 1n
}

/** A position's shares that earn in the agent's current round (after `ripen`). */
export const earningShares = (agent: ModelAgent, position: ModelPosition) =>
  position.activeShares - (position.warmingRound === agent.round ? position.warmingShares : 0n)

/**
 * Records a reward notification of `amount`, which closes the agent's reward round: each position is
 * entitled to exactly `amount * earning / totalEarning`, where earning shares are active shares that were
 * there for the whole round. With no earning shares (or a wiped-out pool) it goes to the treasury; returns
 * whether it did. The contract pays less by its floors: `rewardPerShare` is floored (a position loses
 * `< shares / 1e27` wei) and the position's accrual is floored once per stretch of constant shares that saw a
 * reward (< 1 wei), hence `1 + ceil(shares / 1e27)` wei of tolerance per notification.
 */
export function rewardFloorLoss(model: Model, agent: ModelAgent, amount: bigint): boolean {
  const total = agent.active.shares - agent.warmingShares
  const toTreasury = total === 0n || agent.active.tokens === 0n
  if (!toTreasury) {
    agent.rewardPerShare += mulDiv(amount, PRECISION, total)
    for (const [, position] of positionsOf(model, agent.id)) {
      const earning = earningShares(agent, position)
      if (earning === 0n) continue
      position.entitled = addRational(position.entitled, amount * earning, total)
      position.lossTolerance += 1n + ceilDiv(earning, PRECISION)
    }
  }
  agent.round += 1n
  agent.warmingShares = 0n
  return toTreasury
}

/** Positions of one agent, with their stakers. */
export function positionsOf(model: Model, agentId: bigint): Array<[Address, ModelPosition]> {
  const prefix = `${agentId}:`
  return [...model.positions]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, position]) => [key.slice(prefix.length) as Address, position])
}
