import { agentStakingAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, type Hex, keccak256, toHex } from 'viem'
import { expect } from 'vitest'
import { defaultProtocolParameters } from '../../deploy/protocolParameters.js'
import { UnknownActionError } from '../../errors.js'
import { revertOf } from '../../testing/revertOf.js'
import type { Action } from './actions.js'
import {
  BPS,
  type Model,
  type ModelAgent,
  type ModelChallenge,
  type ModelPosition,
  poolValue,
  positionOf,
  positionsOf,
  ripen,
  shareChangeLoss,
  sharesBurned,
  sharesFor,
  slashedTokens,
} from './model.js'
import { CHALLENGERS, type ProtocolHarness, STAKERS } from './protocolHarness.js'

const { unbondingPeriod, challengeBond, challengerRewardBps, challengePeriod } =
  defaultProtocolParameters.staking

/** Awaits a call expected to revert with exactly this custom error. */
export async function expectRevert(call: Promise<unknown>, errorName: string, args: readonly unknown[]) {
  expect(await revertOf(call)).toEqual({ errorName, args })
}

/**
 * Runs one AgentStaking action on the devnet, asserting the outcome the model predicts (success, or the
 * exact custom error), and updates the model when it succeeded. Withdrawals assume the model clock (whole
 * hours of `passTime`) decides unbonding: blocks add a few seconds each, far less than an hour.
 */
export async function runStakingAction(h: ProtocolHarness, model: Model, action: Action): Promise<void> {
  switch (action.kind) {
    case 'stake':
      return stake(h, model, action.agent, STAKERS[action.staker]!, action.amount)
    case 'requestUnstake':
      return requestUnstake(h, model, action)
    case 'withdraw':
      return withdraw(h, model, ...targetPosition(h, model, action, (p) => p.unbondingShares > 0n))
    case 'challenge':
      return challenge(h, model, action)
    case 'expire':
      return expire(h, model, agentOf(h, model, action.agent))
    case 'resolve':
      return resolve(h, model, action)
    case 'claimRewards':
      return claimRewards(h, model, action.agent, STAKERS[action.staker]!)
    default:
      throw new UnknownActionError('staking', action.kind)
  }
}

const agentOf = (h: ProtocolHarness, model: Model, index: number) => model.agents.get(h.agentIds()[index]!)!

/**
 * The action's (agent index, staker dev account), or, when it is `targeted`, the first position (counting
 * from the action's own) that `wanted` accepts: random pairs rarely hit the few positions that unbond.
 */
function targetPosition(
  h: ProtocolHarness,
  model: Model,
  action: { agent: number; staker: number; targeted: boolean },
  wanted: (position: ModelPosition) => boolean,
): [number, number] {
  const pairs = [0, 1].flatMap((agent) => STAKERS.map((_, staker) => [agent, staker] as const))
  const start = action.agent * STAKERS.length + action.staker
  for (let k = 0; action.targeted && k < pairs.length; k++) {
    const [agent, staker] = pairs[(start + k) % pairs.length]!
    const id = h.agentIds()[agent]!
    if (wanted(positionOf(model, id, h.devnet.address(STAKERS[staker]!)))) return [agent, STAKERS[staker]!]
  }
  return [action.agent, STAKERS[action.staker]!]
}

async function stake(h: ProtocolHarness, model: Model, index: number, who: number, amount: bigint) {
  const agent = agentOf(h, model, index)
  const { id, active } = agent
  const write = () => h.stakingAs(who).write.stake([id, amount])
  if (amount === 0n) return expectRevert(write(), 'AgentStakingZeroAmount', [])
  if (isFrozen(model, agent)) {
    const { frozenUntil } = await h.stakingAs(0).read.agentStake([id])
    return expectRevert(write(), 'AgentStakingChallengeOpen', [id, frozenUntil])
  }
  if (active.tokens === 0n && active.shares !== 0n)
    return expectRevert(write(), 'AgentStakingPoolWipedOut', [id])
  const shares = sharesFor(active, amount)
  if (shares === 0n) return expectRevert(write(), 'AgentStakingZeroShares', [id, amount])
  await h.devnet.mined(write())
  const position = positionOf(model, id, h.devnet.address(who))
  ripen(agent, position)
  position.activeShares += shares
  position.warmingShares += shares
  position.warmingRound = agent.round
  agent.warmingShares += shares
  agent.active = { tokens: active.tokens + amount, shares: active.shares + shares }
}

async function requestUnstake(
  h: ProtocolHarness,
  model: Model,
  action: Extract<Action, { kind: 'requestUnstake' }>,
) {
  const [index, staker] = targetPosition(h, model, action, (p) => p.activeShares > 0n)
  const { permille, overdraw } = action
  const agent = agentOf(h, model, index)
  const { id, active, unbonding } = agent
  const who = h.devnet.address(staker)
  const position = positionOf(model, id, who)
  const staked = poolValue(active, position.activeShares)
  const amount = overdraw ? staked + 1n : (staked * permille) / 1000n
  const write = () => h.stakingAs(staker).write.requestUnstake([id, amount])
  if (amount === 0n) return expectRevert(write(), 'AgentStakingZeroAmount', [])
  if (amount > staked)
    return expectRevert(write(), 'AgentStakingInsufficientStake', [id, who, staked, amount])
  const minted = sharesFor(unbonding, amount)
  if (minted === 0n) return expectRevert(write(), 'AgentStakingZeroShares', [id, amount])
  const burned = sharesBurned(active, position.activeShares, staked, amount)
  await h.devnet.mined(write())
  ripen(agent, position)
  shareChangeLoss(agent, position)
  // Warming shares (of the current round, after ripen) go first.
  const fromWarming = burned < position.warmingShares ? burned : position.warmingShares
  position.warmingShares -= fromWarming
  agent.warmingShares -= fromWarming
  position.activeShares -= burned
  position.unbondingShares += minted
  position.unbondingRequestedAt = model.clock
  agent.active = { tokens: active.tokens - amount, shares: active.shares - burned }
  agent.unbonding = { tokens: unbonding.tokens + amount, shares: unbonding.shares + minted }
}

async function withdraw(h: ProtocolHarness, model: Model, index: number, staker: number) {
  const agent = agentOf(h, model, index)
  const { id, unbonding } = agent
  const who = h.devnet.address(staker)
  const position = positionOf(model, id, who)
  const write = () => h.stakingAs(staker).write.withdraw([id])
  if (position.unbondingShares === 0n)
    return expectRevert(write(), 'AgentStakingNothingToWithdraw', [id, who])
  if (model.clock - position.unbondingRequestedAt < unbondingPeriod) {
    const { unbondingEnds } = await h.stakingAs(0).read.positionOf([id, who])
    return expectRevert(write(), 'AgentStakingUnbonding', [id, who, unbondingEnds])
  }
  const cap = position.unbondingRequestedAt + unbondingPeriod + challengePeriod
  if (agent.challenges.size > 0 && model.clock < (agent.frozenUntil < cap ? agent.frozenUntil : cap)) {
    const { unbondingEnds } = await h.stakingAs(0).read.positionOf([id, who])
    const until = await h.stakingAs(0).read.withdrawableAt([id, unbondingEnds])
    return expectRevert(write(), 'AgentStakingWithdrawalFrozen', [id, who, until])
  }
  const amount = poolValue(unbonding, position.unbondingShares)
  const before = await h.balanceOf(who)
  await h.devnet.mined(write())
  expect((await h.balanceOf(who)) - before).toBe(amount)
  agent.unbonding = { tokens: unbonding.tokens - amount, shares: unbonding.shares - position.unbondingShares }
  position.unbondingShares = 0n
}

/** Whether an open, unexpired challenge holds the agent (the model clock decides, as for unbonding). */
const isFrozen = (model: Model, agent: ModelAgent) =>
  [...agent.challenges.values()].some((c) => model.clock < c.openedAt + challengePeriod)
const isExpired = (model: Model, c: ModelChallenge) => model.clock >= c.openedAt + challengePeriod

/**
 * A challenger commits, then reveals in a later block. A copier (`copy`) reveals the values another
 * challenger committed to, which its own commitment does not cover (AgentStakingNotCommitted), or, when
 * nobody has a commitment pending, evidence that already opened a challenge (AgentStakingEvidenceUsed).
 */
async function challenge(h: ProtocolHarness, model: Model, action: Extract<Action, { kind: 'challenge' }>) {
  const agent = agentOf(h, model, action.agent)
  const challenger = CHALLENGERS[action.challenger]!
  const who = h.devnet.address(challenger)
  const other = h.devnet.address(CHALLENGERS[1 - action.challenger]!)
  const staking = h.stakingAs(challenger)
  const copied = model.commitments.get(other)
  if (action.copy && copied) {
    const { agentId, evidence, salt } = copied
    const commitment = await staking.read.challengeCommitment([who, agentId, evidence, salt])
    return expectRevert(staking.write.challenge([agentId, evidence, salt]), 'AgentStakingNotCommitted', [
      commitment,
    ])
  }
  const used = [...model.evidenceChallenge.keys()]
    .find((key) => key.startsWith(`${agent.id}:`))
    ?.split(':')[1] as Hex | undefined
  const evidence =
    action.copy && used ? used : keccak256(toHex(`evidence ${model.challengeCount} ${model.clock}`))
  const salt = keccak256(toHex(`salt ${who} ${model.clock} ${evidence}`))
  const commitment = await staking.read.challengeCommitment([who, agent.id, evidence, salt])
  if ((await staking.read.commitmentBlock([commitment])) !== 0n) return // the same values this very hour
  await h.devnet.mined(staking.write.commitChallenge([commitment]))
  model.commitments.set(who, { agentId: agent.id, evidence, salt })
  if (model.evidenceChallenge.has(`${agent.id}:${evidence}`)) {
    const challengeId = model.evidenceChallenge.get(`${agent.id}:${evidence}`)!
    return expectRevert(staking.write.challenge([agent.id, evidence, salt]), 'AgentStakingEvidenceUsed', [
      agent.id,
      evidence,
      challengeId,
    ])
  }
  await h.devnet.mined(staking.write.challenge([agent.id, evidence, salt]))
  model.commitments.delete(who)
  model.challengeCount += 1n
  model.evidenceChallenge.set(`${agent.id}:${evidence}`, model.challengeCount)
  agent.challenges.set(model.challengeCount, {
    id: model.challengeCount,
    challenger: who,
    bond: challengeBond,
    openedAt: model.clock,
  })
  const expiresAt = model.clock + challengePeriod
  if (expiresAt > agent.frozenUntil) agent.frozenUntil = expiresAt
}

/** Anyone closes the agent's oldest open challenge as expired: refused before expiry, its bond back after. */
async function expire(h: ProtocolHarness, model: Model, agent: ModelAgent) {
  const [open] = agent.challenges.values()
  if (!open) return
  const write = () => h.stakingAs(0).write.expireChallenge([open.id])
  const { expiresAt } = await h.stakingAs(0).read.challengeOf([open.id])
  if (!isExpired(model, open))
    return expectRevert(write(), 'AgentStakingChallengeNotExpired', [open.id, expiresAt])
  const before = await h.balanceOf(open.challenger)
  await h.devnet.mined(write())
  expect((await h.balanceOf(open.challenger)) - before).toBe(open.bond)
  agent.challenges.delete(open.id)
}

/**
 * Resolves the agent's open challenge through the treasury Safe. Invalid resolutions (none open, a bad slash)
 * are simulated from the Safe's address to read their custom error. An upheld slash checks invariants 4 and
 * 5 on every position: with `y = floor(before * (10000 - bps) / 10000)`, its value after is within
 * `[y - 1, y + 1]`, active and unbonding alike.
 */
async function resolve(h: ProtocolHarness, model: Model, action: Extract<Action, { kind: 'resolve' }>) {
  const { upheld, slashBps: bps, stale } = action
  const agents = [agentOf(h, model, action.agent), agentOf(h, model, 1 - action.agent)]
  const agent = agents.find((a) => a.challenges.size > 0 && !stale) ?? agents[0]!
  const open = stale ? undefined : [...agent.challenges.values()].at(-1)
  const challengeId = open?.id ?? resolvedOrUnknownChallenge(model)
  const simulated = () => h.stakingAs(0).simulate.resolveChallenge([challengeId, upheld, bps], h.fromSafe())
  if (!open) {
    const error =
      challengeId > model.challengeCount ? 'AgentStakingUnknownChallenge' : 'AgentStakingChallengeResolved'
    return expectRevert(simulated(), error, [challengeId])
  }
  if (isExpired(model, open)) {
    const { expiresAt } = await h.stakingAs(0).read.challengeOf([open.id])
    return expectRevert(simulated(), 'AgentStakingChallengeExpired', [open.id, expiresAt])
  }
  if (upheld && (bps === 0 || bps > 10_000))
    return expectRevert(simulated(), 'AgentStakingInvalidSlash', [bps])
  const stakers = positionsOf(model, agent.id).map(([who]) => who)
  const read = (who: Address) => h.stakingAs(0).read.positionOf([agent.id, who])
  const before = await Promise.all(stakers.map(read))
  const [challengerBefore, treasuryBefore] = await Promise.all([
    h.balanceOf(open.challenger),
    h.balanceOf(h.safe()),
  ])
  const data = encodeFunctionData({
    abi: agentStakingAbi,
    functionName: 'resolveChallenge',
    args: [challengeId, upheld, bps],
  })
  const receipt = await h.devnet.asSafe(h.devnet.env.manifest.contracts.AgentStaking, data)
  expect(receipt.status).toBe('success')
  agent.challenges.delete(open.id)
  let toChallenger = 0n
  let toTreasury = open.bond
  if (upheld) {
    const active = slashedTokens(agent.active.tokens, BigInt(bps))
    const unbonding = slashedTokens(agent.unbonding.tokens, BigInt(bps))
    const slashed = agent.active.tokens - active + agent.unbonding.tokens - unbonding
    const reward = (slashed * BigInt(challengerRewardBps)) / BPS
    toChallenger = reward + open.bond
    toTreasury = slashed - reward
    agent.active = { ...agent.active, tokens: active }
    agent.unbonding = { ...agent.unbonding, tokens: unbonding }
    agent.jailed = true
    const after = await Promise.all(stakers.map(read))
    for (const [i, position] of after.entries()) {
      for (const key of ['activeTokens', 'unbondingTokens'] as const) {
        const fair = slashedTokens(before[i]![key], BigInt(bps))
        expect(position[key], `${key} of ${stakers[i]} after a ${bps} bps slash`).toBeGreaterThanOrEqual(
          fair - 1n,
        )
        expect(position[key], `${key} of ${stakers[i]} dodged a ${bps} bps slash`).toBeLessThanOrEqual(
          fair + 1n,
        )
      }
    }
  }
  expect((await h.balanceOf(open.challenger)) - challengerBefore).toBe(toChallenger)
  expect((await h.balanceOf(h.safe())) - treasuryBefore).toBe(toTreasury)
}

/** The latest challenge no longer open, or the next id (not opened yet). */
function resolvedOrUnknownChallenge(model: Model): bigint {
  const open = new Set([...model.agents.values()].flatMap((a) => [...a.challenges.keys()]))
  for (let id = model.challengeCount; id > 0n; id--) if (!open.has(id)) return id
  return model.challengeCount + 1n
}

/** Invariant 3 for stakers: a claim pays exactly the pending reward the contract reported. */
async function claimRewards(h: ProtocolHarness, model: Model, index: number, staker: number) {
  const { id } = agentOf(h, model, index)
  const who = h.devnet.address(staker)
  const { pendingReward } = await h.stakingAs(0).read.positionOf([id, who])
  const before = await h.balanceOf(who)
  await h.devnet.mined(h.stakingAs(staker).write.claim([id]))
  const paid = (await h.balanceOf(who)) - before
  expect(paid).toBe(pendingReward)
  const position = positionOf(model, id, who)
  ripen(agentOf(h, model, index), position)
  position.claimed += paid
}
