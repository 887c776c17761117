import { expect } from 'vitest'
import { defaultProtocolParameters, devnetProtocolParameters } from '../../deploy/protocolParameters.js'
import { checkRegistry } from './checkRegistryInvariants.js'
import { checkNoEoaRoles, checkRoles } from './checkRoles.js'
import { checkRouter } from './checkRouterInvariants.js'
import { type Model, poolValue, positionsOf } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
import { WINDOW } from './routerModel.js'

/** What the run starts from: the sum of every holder's OPEN, the supply, and the block it starts at. */
export type Baseline = { held: bigint; supply: bigint; block: bigint }

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

/**
 * Reads the baseline before a run, checking that no dev account holds a role (but the settler's).
 *
 * @example
 * const baseline = await baselineOf(harness)
 */
export async function baselineOf(h: ProtocolHarness): Promise<Baseline> {
  const [held, supply, block] = await Promise.all([
    Promise.all(h.holders().map(h.balanceOf)).then(sum),
    h.totalSupply(),
    h.devnet.env.connection.publicClient.getBlockNumber({ cacheTime: 0 }),
    checkNoEoaRoles(h),
  ])
  return { held, supply, block }
}

/**
 * Asserts every invariant against the chain after a step:
 * 1. OPEN is conserved: the holders' sum and the total supply never change (OpenToken has no mint).
 * 2. AgentStaking holds at least its pools, the pending rewards and the open challenges' bonds, with a reward-rounding
 *    surplus of at most `Σ lossTolerance` (see model.ts); FeeRouter holds what it owes, exactly.
 * 3. Each staker's claimed + pending reward is never more than its exact pro-rata entitlement, and less by at
 *    most its `lossTolerance`; positions are worth what the model's pools say.
 * 4. FeeRouter: no payer charged beyond its authorisation per period, no epoch paying beyond its funds or
 *    touching another's, nobody paid twice, its books as the model says (checkRouterInvariants.ts).
 * 5. No EOA holds or used a Safe power: parameters, splits, window, bond, staking's fee router, roles on
 *    AgentStaking, FeeRouter, AgentRegistry and ModelRegistry (the Safe holds every admin role, none changed
 *    hands since the run began, when no dev account held any and dev account 9 alone settled; see
 *    checkRoles.ts), pauses, jails and open challenges are what the model
 *    (the Safe's resolutions only) says.
 */
export async function checkInvariants(h: ProtocolHarness, model: Model, baseline: Baseline): Promise<void> {
  const [balances, supply] = await Promise.all([Promise.all(h.holders().map(h.balanceOf)), h.totalSupply()])
  expect(sum(balances), 'OPEN held by everyone involved').toBe(baseline.held)
  expect(supply, 'total supply').toBe(baseline.supply)
  const { AgentStaking, FeeRouter } = h.devnet.env.manifest.contracts
  await Promise.all([
    checkStaking(h, model, await h.balanceOf(AgentStaking)),
    checkRouter(h, model, await h.balanceOf(FeeRouter)),
    checkAdmin(h, model, baseline.block + 1n),
    checkRegistry(h, model, baseline.block + 1n),
  ])
}

async function checkStaking(h: ProtocolHarness, model: Model, held: bigint) {
  const staking = h.stakingAs(0)
  let owed = 0n
  let loss = 0n
  for (const agent of model.agents.values()) {
    expect(await staking.read.agentStake([agent.id]), `agent ${agent.id}'s pools`).toMatchObject({
      active: agent.active.tokens,
      unbonding: agent.unbonding.tokens,
      jailed: agent.jailed,
      openChallenges: agent.challenges.size,
      rewardRound: agent.round,
    })
    owed += agent.active.tokens + agent.unbonding.tokens
    for (const { bond } of agent.challenges.values()) owed += bond
    for (const [who, position] of positionsOf(model, agent.id)) {
      const view = await staking.read.positionOf([agent.id, who])
      const label = `agent ${agent.id}, staker ${who}`
      expect(view.activeTokens, `${label}: active`).toBe(poolValue(agent.active, position.activeShares))
      expect(view.unbondingTokens, `${label}: unbonding`).toBe(
        poolValue(agent.unbonding, position.unbondingShares),
      )
      const { num, den } = position.entitled
      const earned = (position.claimed + view.pendingReward) * den
      expect(earned, `${label}: earned more than entitled`).toBeLessThanOrEqual(num)
      expect(earned, `${label}: earned less than entitled - loss`).toBeGreaterThanOrEqual(
        num - position.lossTolerance * den,
      )
      owed += view.pendingReward
      loss += position.lossTolerance
    }
  }
  const surplus = held - owed
  expect(surplus, 'AgentStaking surplus over what it owes').toBeLessThanOrEqual(loss)
  expect(surplus, 'AgentStaking holds less than it owes').toBeGreaterThanOrEqual(0n)
}

async function checkAdmin(h: ProtocolHarness, model: Model, fromBlock: bigint) {
  await checkRoles(h, fromBlock)
  const staking = h.stakingAs(0)
  const router = h.routerAs(0)
  const { unbondingPeriod, challengerRewardBps, ...amounts } = defaultProtocolParameters.staking
  expect(await staking.read.feeRouter()).toBe(h.devnet.env.manifest.contracts.FeeRouter)
  for (const id of h.agentIds())
    expect(await h.registryAs(0).read.isPaused([id]), `agent ${id} paused`).toBe(false)
  expect(await staking.read.params()).toEqual({ unbondingPeriod, challengerRewardBps, ...amounts })
  expect(await router.read.splits()).toEqual(defaultProtocolParameters.splits)
  expect(await router.read.disputeWindow()).toBe(WINDOW)
  expect(await router.read.minSettlerBond()).toBe(devnetProtocolParameters.minSettlerBond)
  expect(await staking.read.challengeCount()).toBe(model.challengeCount)
}
