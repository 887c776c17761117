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
  OUTSIDER,
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
  roundClosed,
  committed,
  tokenAs,
  devnetTest,
  publicClient,
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
      openChallenges: 0,
      frozenUntil: 0n,
      rewardRound: 0n,
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

  it('holds unbonded stake while a challenge is open, and releases it once resolved', async () => {
    const id = await newAgent()
    await staked(BOB, id, OPEN(50n))
    await mined(stakingAs(BOB).write.requestUnstake([id, OPEN(50n)]))
    await passTime(PARAMS.unbondingPeriod - 3600n)
    const challengeId = await challenged(CHALLENGER, id)
    const { expiresAt } = await stakingAs(0).read.challengeOf([challengeId])
    await passTime(3600n)
    expect(await revertOf(stakingAs(BOB).write.withdraw([id]))).toEqual({
      errorName: 'AgentStakingWithdrawalFrozen',
      args: [id, address(BOB), expiresAt],
    })
    await resolved(challengeId, false, 0)
    await mined(stakingAs(BOB).write.withdraw([id]))
    expect(await balance(address(BOB))).toBe(OPEN(1000n))
  })

  it('never holds unbonded stake past challengePeriod after its unbonding end, however many challenges', async () => {
    const id = await newAgent()
    await staked(BOB, id, OPEN(50n))
    const unstaked = await mined(stakingAs(BOB).write.requestUnstake([id, OPEN(50n)]))
    const unbondingEnds = (await timeOf(unstaked)) + PARAMS.unbondingPeriod
    // A squatter keeps a challenge open from just before BOB's unbonding ends, then opens another.
    await passTime(PARAMS.unbondingPeriod - 3600n)
    await challenged(CHALLENGER, id, hashOf('squat 1'))
    await passTime(PARAMS.challengePeriod - 7200n)
    await challenged(ALICE, id, hashOf('squat 2'))
    const cap = unbondingEnds + PARAMS.challengePeriod
    expect(await stakingAs(0).read.withdrawableAt([id, unbondingEnds])).toBe(cap)
    expect(await revertOf(stakingAs(BOB).write.withdraw([id]))).toEqual({
      errorName: 'AgentStakingWithdrawalFrozen',
      args: [id, address(BOB), cap],
    })
    const now = (await stakingAs(0).read.agentStake([id])).frozenUntil - PARAMS.challengePeriod
    await passTime(cap - now)
    await mined(stakingAs(BOB).write.withdraw([id]))
    expect(await balance(address(BOB))).toBe(OPEN(1000n))
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ openChallenges: 2 })
  })

  it('expires an unresolved challenge: the Safe can no longer resolve it, anyone returns its bond', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    const challengeId = await challenged(CHALLENGER, id)
    const { expiresAt, openedAt } = await stakingAs(0).read.challengeOf([challengeId])
    expect(expiresAt - openedAt).toBe(PARAMS.challengePeriod)
    expect(await revertOf(stakingAs(OUTSIDER).write.expireChallenge([challengeId]))).toEqual({
      errorName: 'AgentStakingChallengeNotExpired',
      args: [challengeId, expiresAt],
    })
    await passTime(PARAMS.challengePeriod)
    expect(
      await revertOf(stakingAs(0).simulate.resolveChallenge([challengeId, true, 5000], fromSafe())),
    ).toEqual({ errorName: 'AgentStakingChallengeExpired', args: [challengeId, expiresAt] })
    // Expired but not yet closed: it holds nothing any more.
    await staked(ALICE, id, OPEN(10n))
    const before = await balance(address(CHALLENGER))
    const receipt = await mined(stakingAs(OUTSIDER).write.expireChallenge([challengeId]))
    expect(stakingEvents(receipt)).toEqual([
      ['ChallengeExpired', { challengeId, agentId: id, returnedBond: PARAMS.challengeBond }],
    ])
    expect(await balance(address(CHALLENGER))).toBe(before + PARAMS.challengeBond)
    expect(await stakingAs(0).read.challengeOf([challengeId])).toMatchObject({ status: 4 })
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ openChallenges: 0, frozenUntil: 0n })
    expect(await revertOf(stakingAs(OUTSIDER).write.expireChallenge([challengeId]))).toEqual({
      errorName: 'AgentStakingChallengeResolved',
      args: [challengeId],
    })
  })

  it('takes no new stake while a challenge is open, so new stake is never slashed for the past', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    const challengeId = await challenged(CHALLENGER, id)
    const { expiresAt } = await stakingAs(0).read.challengeOf([challengeId])
    await mined(tokenAs(ALICE).write.approve([stakingAddress(), OPEN(100n)]))
    expect(await revertOf(stakingAs(ALICE).write.stake([id, OPEN(100n)]))).toEqual({
      errorName: 'AgentStakingChallengeOpen',
      args: [id, expiresAt],
    })
    await resolved(challengeId, true, 5000)
    await mined(stakingAs(ALICE).write.stake([id, OPEN(100n)]))
    // Bought at the slashed pool's price: worth its 100 OPEN within rounding, not halved.
    expect(OPEN(100n) - (await positionOf(id, ALICE)).activeTokens).toBeLessThan(10n ** 9n)
  })

  it('opens several challenges against one agent, each with its own evidence and bond', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    const first = await challenged(CHALLENGER, id, hashOf('first'))
    const second = await challenged(ALICE, id, hashOf('second'))
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ openChallenges: 2 })
    await resolved(first, false, 0)
    await resolved(second, true, 1000)
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ openChallenges: 0, jailed: true })
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
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ jailed: false, openChallenges: 0 })
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
    await roundClosed(id)
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
    await committed(CHALLENGER, 5n, hashOf('x'))
    expect(await revertOf(stakingAs(CHALLENGER).write.challenge([5n, hashOf('x'), hashOf('salt')]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [5n],
    })
    await committed(CHALLENGER, id, hashOf('x'))
    expect(await revertOf(stakingAs(CHALLENGER).write.challenge([id, hashOf('x'), hashOf('salt')]))).toEqual({
      errorName: 'ERC20InsufficientAllowance',
      args: [stakingAddress(), 0n, PARAMS.challengeBond],
    })
  })

  it('reveals only a commitment of the caller from an earlier block, once', async () => {
    const id = await newAgent()
    const evidence = hashOf('transcript 7')
    const salt = hashOf('salt')
    await mined(tokenAs(ALICE).write.approve([stakingAddress(), PARAMS.challengeBond * 2n]))
    const commitmentOf = (who: number) =>
      stakingAs(0).read.challengeCommitment([address(who), id, evidence, salt])
    // No commitment: a challenge sent in one step (or copied from the mempool) is refused.
    expect(await revertOf(stakingAs(ALICE).write.challenge([id, evidence, salt]))).toEqual({
      errorName: 'AgentStakingNotCommitted',
      args: [await commitmentOf(ALICE)],
    })
    // CHALLENGER's commitment names CHALLENGER: ALICE revealing the same values has no commitment of hers.
    await committed(CHALLENGER, id, evidence, salt)
    expect(await revertOf(stakingAs(ALICE).write.challenge([id, evidence, salt]))).toEqual({
      errorName: 'AgentStakingNotCommitted',
      args: [await commitmentOf(ALICE)],
    })
    expect(
      await revertOf(stakingAs(OUTSIDER).write.commitChallenge([await commitmentOf(CHALLENGER)])),
    ).toEqual({ errorName: 'AgentStakingCommitmentExists', args: [await commitmentOf(CHALLENGER)] })
    // Same block: committed and revealed in one block is refused.
    await devnetTest().setAutomine(false)
    const commitHash = await stakingAs(ALICE).write.commitChallenge([await commitmentOf(ALICE)], {
      gas: 100_000n,
    })
    const revealHash = await stakingAs(ALICE).write.challenge([id, evidence, salt], { gas: 400_000n })
    await devnetTest().mine({ blocks: 1 })
    await devnetTest().setAutomine(true)
    expect((await publicClient().getTransactionReceipt({ hash: commitHash })).status).toBe('success')
    expect((await publicClient().getTransactionReceipt({ hash: revealHash })).status).toBe('reverted')
    // A later block: it opens, and the commitment is spent.
    await mined(stakingAs(ALICE).write.challenge([id, evidence, salt]))
    expect(await stakingAs(0).read.commitmentBlock([await commitmentOf(ALICE)])).toBe(0n)
  })

  it('refuses evidence that already opened a challenge against the agent, whoever sends it', async () => {
    const id = await newAgent()
    const evidence = hashOf('transcript 9')
    const challengeId = await challenged(CHALLENGER, id, evidence)
    await committed(ALICE, id, evidence, hashOf('another salt'))
    await mined(tokenAs(ALICE).write.approve([stakingAddress(), PARAMS.challengeBond]))
    expect(await revertOf(stakingAs(ALICE).write.challenge([id, evidence, hashOf('another salt')]))).toEqual({
      errorName: 'AgentStakingEvidenceUsed',
      args: [id, evidence, challengeId],
    })
    // Another agent's challenge may cite the same evidence.
    const other = await newAgent()
    expect(await challenged(ALICE, other, evidence)).toBe(challengeId + 1n)
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
