import { agentStakingAbi } from '@openledger/contracts'
import { encodeFunctionData, keccak256, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  ALICE,
  BOB,
  CHALLENGER,
  CREATOR,
  hashOf,
  OPEN,
  PARAMS,
  SAFE_OWNERS,
  useAgentStaking,
} from './agentStakingFixture.js'

const {
  address,
  stakingAs,
  mined,
  timeOf,
  passTime,
  stakingEvents,
  newAgent,
  staked,
  rewarded,
  challenged,
  resolved,
  positionOf,
  isActive,
  asSafe,
  balance,
  treasury,
  stakingAddress,
} = useAgentStaking()

const BPS = 10_000n
/** Reads and simulated writes from the Safe's address: how a Safe-only call's custom error is seen. */
const fromSafe = () => ({ account: treasury() })

describe('challenge and slash', () => {
  it('upheld at 20%: every staker, unbonding too, loses exactly 20%; the challenger is paid; jailed', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    await staked(ALICE, id, OPEN(200n))
    await staked(BOB, id, OPEN(300n))
    const unbonding = await mined(stakingAs(BOB).write.requestUnstake([id, OPEN(300n)]))
    const unbondingEnds = (await timeOf(unbonding)) + PARAMS.unbondingPeriod
    expect(await isActive(id)).toBe(true)

    const challengerBefore = await balance(address(CHALLENGER))
    const treasuryBefore = await balance(treasury())
    const evidence = hashOf('transcript 42')
    const challengeId = await challenged(CHALLENGER, id, evidence)
    expect(challengeId).toBe(1n)
    expect(await balance(address(CHALLENGER))).toBe(challengerBefore - PARAMS.challengeBond)
    expect(await stakingAs(0).read.challengeOf([challengeId])).toMatchObject({
      challenger: address(CHALLENGER),
      status: 1,
      slashBps: 0,
      agentId: id,
      bond: PARAMS.challengeBond,
      evidenceHash: evidence,
    })

    const receipt = await resolved(challengeId, true, 2000)
    // 20% of 300 active + 300 unbonding; 10% of that to the challenger, the rest to the treasury.
    const slashed = OPEN(120n)
    const challengerReward = OPEN(12n)
    expect(stakingEvents(receipt)).toEqual([
      ['ChallengeUpheld', { challengeId, agentId: id, slashBps: 2000, slashed, challengerReward }],
      ['AgentJailed', { agentId: id, challengeId }],
    ])
    expect(await positionOf(id, CREATOR)).toMatchObject({ activeTokens: OPEN(80n), unbondingTokens: 0n })
    expect(await positionOf(id, ALICE)).toMatchObject({ activeTokens: OPEN(160n), unbondingTokens: 0n })
    expect(await positionOf(id, BOB)).toMatchObject({
      activeTokens: 0n,
      unbondingTokens: OPEN(240n),
      unbondingEnds,
    })
    expect(await balance(address(CHALLENGER))).toBe(challengerBefore + challengerReward)
    expect(await balance(treasury())).toBe(treasuryBefore + slashed - challengerReward)
    expect(await balance(stakingAddress())).toBe(OPEN(480n))
    expect(await stakingAs(0).read.agentStake([id])).toEqual({
      active: OPEN(240n),
      unbonding: OPEN(240n),
      jailed: true,
      openChallengeId: 0n,
    })
    expect(await stakingAs(0).read.challengeOf([challengeId])).toMatchObject({ status: 2, slashBps: 2000 })
    expect(await isActive(id)).toBe(false)

    await passTime(PARAMS.unbondingPeriod)
    await mined(stakingAs(BOB).write.withdraw([id]))
    expect(await balance(address(BOB))).toBe(OPEN(700n) + OPEN(240n))
  })

  it('loses within 1 wei of the slashed share when amounts do not divide, never more than the pool holds', async () => {
    const id = await newAgent()
    const stakes = [
      [CREATOR, OPEN(100n) + 3n],
      [ALICE, OPEN(7n) + 1n],
      [BOB, 999_999_999_999n],
    ] as const
    for (const [who, amount] of stakes) await staked(who, id, amount)
    await mined(stakingAs(ALICE).write.requestUnstake([id, OPEN(3n) + 7n]))
    const before = await Promise.all(stakes.map(([who]) => positionOf(id, who)))
    await resolved(await challenged(CHALLENGER, id), true, 3333)
    const after = await Promise.all(stakes.map(([who]) => positionOf(id, who)))
    let total = 0n
    for (const [i, position] of after.entries()) {
      for (const key of ['activeTokens', 'unbondingTokens'] as const) {
        const exact = (before[i]![key] * (BPS - 3333n)) / BPS
        expect(position[key]).toBeLessThanOrEqual(exact)
        expect(exact - position[key]).toBeLessThanOrEqual(1n)
        total += position[key]
      }
    }
    const pools = await stakingAs(0).read.agentStake([id])
    expect(total).toBeLessThanOrEqual(pools.active + pools.unbonding)
    expect(await balance(stakingAddress())).toBe(pools.active + pools.unbonding)
  })

  it('keeps unbonded stake in place while a challenge is open', async () => {
    const id = await newAgent()
    await staked(BOB, id, OPEN(50n))
    await mined(stakingAs(BOB).write.requestUnstake([id, OPEN(50n)]))
    const challengeId = await challenged(CHALLENGER, id)
    await passTime(PARAMS.unbondingPeriod)
    expect(await revertOf(stakingAs(BOB).write.withdraw([id]))).toEqual({
      errorName: 'AgentStakingChallengePending',
      args: [id, challengeId],
    })
    expect(await revertOf(stakingAs(ALICE).write.challenge([id, hashOf('again')]))).toEqual({
      errorName: 'AgentStakingChallengePending',
      args: [id, challengeId],
    })
    await resolved(challengeId, false, 0)
    await mined(stakingAs(BOB).write.withdraw([id]))
    expect(await balance(address(BOB))).toBe(OPEN(1000n))
  })

  it('rejected: forfeits the bond to the treasury, slashes nothing, jails nobody', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    const challengerBefore = await balance(address(CHALLENGER))
    const treasuryBefore = await balance(treasury())
    const challengeId = await challenged(CHALLENGER, id)
    const receipt = await resolved(challengeId, false, 2000)
    expect(stakingEvents(receipt)).toEqual([
      ['ChallengeRejected', { challengeId, agentId: id, forfeitedBond: PARAMS.challengeBond }],
    ])
    expect(await balance(address(CHALLENGER))).toBe(challengerBefore - PARAMS.challengeBond)
    expect(await balance(treasury())).toBe(treasuryBefore + PARAMS.challengeBond)
    expect(await positionOf(id, CREATOR)).toMatchObject({ activeTokens: OPEN(100n) })
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ jailed: false, openChallengeId: 0n })
    expect(await stakingAs(0).read.challengeOf([challengeId])).toMatchObject({ status: 3, slashBps: 0 })
    expect(await isActive(id)).toBe(true)
  })

  it('lets the Safe unjail; the agent is active again if it still meets the minimums', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(200n))
    await resolved(await challenged(CHALLENGER, id), true, 5000)
    expect(await isActive(id)).toBe(false)
    const receipt = await asSafe(
      stakingAddress(),
      encodeFunctionData({ abi: agentStakingAbi, functionName: 'unjail', args: [id] }),
    )
    expect(stakingEvents(receipt)).toEqual([['AgentUnjailed', { agentId: id }]])
    expect(await isActive(id)).toBe(true)
    expect(await revertOf(stakingAs(0).simulate.unjail([id], fromSafe()))).toEqual({
      errorName: 'AgentStakingNotJailed',
      args: [id],
    })
  })

  it('keeps rewards pro rata by shares after a slash', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await staked(BOB, id, OPEN(100n))
    await resolved(await challenged(CHALLENGER, id), true, 2000)
    await staked(CREATOR, id, OPEN(80n)) // 80 OPEN buys what 100 did before the slash, within rounding
    await rewarded(id, OPEN(30n))
    const [alice, bob, creator] = await Promise.all([ALICE, BOB, CREATOR].map((who) => positionOf(id, who)))
    expect(alice!.pendingReward).toBe(bob!.pendingReward)
    expect(OPEN(10n) - creator!.pendingReward).toBeLessThan(10n ** 9n)
    expect(OPEN(10n) - alice!.pendingReward).toBeLessThan(10n ** 9n)
  })

  it('a 100% slash wipes the agent out: no new stake, rewards to the treasury', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await resolved(await challenged(CHALLENGER, id), true, 10_000)
    expect(await positionOf(id, ALICE)).toMatchObject({ activeTokens: 0n, unbondingTokens: 0n })
    expect(await revertOf(stakingAs(BOB).write.stake([id, 1n]))).toEqual({
      errorName: 'AgentStakingPoolWipedOut',
      args: [id],
    })
    const treasuryBefore = await balance(treasury())
    await rewarded(id, OPEN(1n))
    expect(await balance(treasury())).toBe(treasuryBefore + OPEN(1n))
  })
})

describe('challenge input and authority', () => {
  it('refuses challenges of unknown agents and without the bond', async () => {
    const id = await newAgent()
    expect(await revertOf(stakingAs(CHALLENGER).write.challenge([5n, hashOf('x')]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [5n],
    })
    expect(await revertOf(stakingAs(CHALLENGER).write.challenge([id, hashOf('x')]))).toEqual({
      errorName: 'ERC20InsufficientAllowance',
      args: [stakingAddress(), 0n, PARAMS.challengeBond],
    })
  })

  it('lets nobody but the Safe resolve', async () => {
    const id = await newAgent()
    const challengeId = await challenged(CHALLENGER, id)
    for (const i of [...SAFE_OWNERS, CHALLENGER, CREATOR]) {
      expect(await revertOf(stakingAs(i).write.resolveChallenge([challengeId, true, 2000]))).toEqual({
        errorName: 'AccessControlUnauthorizedAccount',
        args: [address(i), keccak256(toHex('CHALLENGE_RESOLVER_ROLE'))],
      })
    }
  })

  it('refuses unknown or resolved challenges and slashes outside (0, 10000] bps', async () => {
    const id = await newAgent()
    const challengeId = await challenged(CHALLENGER, id)
    const resolve = (cid: bigint, upheld: boolean, bps: number) =>
      revertOf(stakingAs(0).simulate.resolveChallenge([cid, upheld, bps], fromSafe()))
    expect(await resolve(9n, true, 2000)).toEqual({ errorName: 'AgentStakingUnknownChallenge', args: [9n] })
    expect(await revertOf(stakingAs(0).read.challengeOf([9n]))).toEqual({
      errorName: 'AgentStakingUnknownChallenge',
      args: [9n],
    })
    for (const bps of [0, 10_001]) {
      expect(await resolve(challengeId, true, bps)).toEqual({
        errorName: 'AgentStakingInvalidSlash',
        args: [bps],
      })
    }
    await resolved(challengeId, true, 100)
    for (const upheld of [true, false]) {
      expect(await resolve(challengeId, upheld, 100)).toEqual({
        errorName: 'AgentStakingChallengeResolved',
        args: [challengeId],
      })
    }
  })
})
