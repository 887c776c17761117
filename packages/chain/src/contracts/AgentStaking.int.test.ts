import { agentRegistryAbi, agentStakingAbi } from '@openledger/contracts'
import { encodeFunctionData, type Hex, keccak256, toHex, zeroHash } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import {
  ALICE,
  BOB,
  CREATOR,
  OPEN,
  OUTSIDER,
  PARAMS,
  type Params,
  ROUTER,
  SAFE_OWNERS,
  useAgentStaking,
} from './agentStakingFixture.js'

const PARAMETERS_ROLE = keccak256(toHex('PARAMETERS_ROLE'))
const RESOLVER_ROLE = keccak256(toHex('CHALLENGE_RESOLVER_ROLE'))

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
  positionOf,
  isActive,
  asSafe,
  balance,
  treasury,
  stakingAddress,
  registryAddress,
} = useAgentStaking()

describe('stake, unstake, withdraw', () => {
  it('stakes OPEN on an agent, pulling the tokens in, one share per token', async () => {
    const id = await newAgent()
    const receipt = await staked(ALICE, id, OPEN(100n))
    expect(stakingEvents(receipt)).toEqual([
      ['Staked', { agentId: id, staker: address(ALICE), amount: OPEN(100n), shares: OPEN(100n) }],
    ])
    expect(await positionOf(id, ALICE)).toEqual({
      activeTokens: OPEN(100n),
      unbondingTokens: 0n,
      unbondingEnds: 0n,
      pendingReward: 0n,
      warmingTokens: OPEN(100n),
    })
    expect(await stakingAs(0).read.agentStake([id])).toEqual({
      active: OPEN(100n),
      unbonding: 0n,
      jailed: false,
      openChallenges: 0,
      frozenUntil: 0n,
      rewardRound: 0n,
    })
    expect(await balance(address(ALICE))).toBe(OPEN(900n))
    expect(await balance(stakingAddress())).toBe(OPEN(100n))
  })

  it('unbonds for the unbonding period, restarted by each new request, then withdraws', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    const staking = stakingAs(ALICE)
    const first = await mined(staking.write.requestUnstake([id, OPEN(30n)]))
    const firstEnds = (await timeOf(first)) + PARAMS.unbondingPeriod
    expect(stakingEvents(first)).toEqual([
      [
        'UnstakeRequested',
        { agentId: id, staker: address(ALICE), amount: OPEN(30n), unbondingEnds: firstEnds },
      ],
    ])
    expect(await positionOf(id, ALICE)).toEqual({
      activeTokens: OPEN(70n),
      unbondingTokens: OPEN(30n),
      unbondingEnds: firstEnds,
      pendingReward: 0n,
      warmingTokens: OPEN(70n),
    })
    await passTime(PARAMS.unbondingPeriod / 2n)
    const second = await mined(staking.write.requestUnstake([id, OPEN(20n)]))
    const ends = (await timeOf(second)) + PARAMS.unbondingPeriod
    expect(await positionOf(id, ALICE)).toMatchObject({
      activeTokens: OPEN(50n),
      unbondingTokens: OPEN(50n),
      unbondingEnds: ends,
    })
    await passTime(PARAMS.unbondingPeriod / 2n + 10n)
    expect(await revertOf(staking.write.withdraw([id]))).toEqual({
      errorName: 'AgentStakingUnbonding',
      args: [id, address(ALICE), ends],
    })
    await passTime(PARAMS.unbondingPeriod)
    const withdrawn = await mined(staking.write.withdraw([id]))
    expect(stakingEvents(withdrawn)).toEqual([
      ['StakeWithdrawn', { agentId: id, staker: address(ALICE), amount: OPEN(50n) }],
    ])
    expect(await positionOf(id, ALICE)).toMatchObject({ activeTokens: OPEN(50n), unbondingTokens: 0n })
    expect(await balance(address(ALICE))).toBe(OPEN(950n))
    expect(await stakingAs(0).read.agentStake([id])).toMatchObject({ active: OPEN(50n), unbonding: 0n })
    expect(await revertOf(staking.write.withdraw([id]))).toEqual({
      errorName: 'AgentStakingNothingToWithdraw',
      args: [id, address(ALICE)],
    })
  })

  it('refuses staking zero, on an unknown agent, or without allowance', async () => {
    const id = await newAgent()
    const staking = stakingAs(ALICE)
    expect(await revertOf(staking.write.stake([id, 0n]))).toEqual({
      errorName: 'AgentStakingZeroAmount',
      args: [],
    })
    expect(await revertOf(staking.write.stake([9n, 1n]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [9n],
    })
    expect(await revertOf(staking.write.stake([id, 1n]))).toEqual({
      errorName: 'ERC20InsufficientAllowance',
      args: [stakingAddress(), 0n, 1n],
    })
  })

  it('refuses unstaking zero or more than the active stake', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(10n))
    const staking = stakingAs(ALICE)
    expect(await revertOf(staking.write.requestUnstake([id, 0n]))).toEqual({
      errorName: 'AgentStakingZeroAmount',
      args: [],
    })
    expect(await revertOf(staking.write.requestUnstake([id, OPEN(11n)]))).toEqual({
      errorName: 'AgentStakingInsufficientStake',
      args: [id, address(ALICE), OPEN(10n), OPEN(11n)],
    })
    await mined(staking.write.requestUnstake([id, OPEN(4n)]))
    expect(await revertOf(staking.write.requestUnstake([id, OPEN(7n)]))).toEqual({
      errorName: 'AgentStakingInsufficientStake',
      args: [id, address(ALICE), OPEN(6n), OPEN(7n)],
    })
    expect(await revertOf(stakingAs(BOB).write.requestUnstake([id, 1n]))).toEqual({
      errorName: 'AgentStakingInsufficientStake',
      args: [id, address(BOB), 0n, 1n],
    })
  })
})

describe('rewards', () => {
  it('splits a reward pro rata between active stakers, exactly; a second claim pays nothing', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await staked(BOB, id, OPEN(300n))
    await roundClosed(id)
    const notified = await rewarded(id, OPEN(40n))
    expect(stakingEvents(notified)[0]).toEqual([
      'RewardNotified',
      { agentId: id, from: address(ROUTER), amount: OPEN(40n), toTreasury: false },
    ])
    expect((await positionOf(id, ALICE)).pendingReward).toBe(OPEN(10n))
    expect((await positionOf(id, BOB)).pendingReward).toBe(OPEN(30n))

    const before = await balance(address(ALICE))
    const claimed = await mined(stakingAs(ALICE).write.claim([id]))
    expect(stakingEvents(claimed)).toEqual([
      ['RewardClaimed', { agentId: id, staker: address(ALICE), amount: OPEN(10n) }],
    ])
    expect(await balance(address(ALICE))).toBe(before + OPEN(10n))
    expect(stakingEvents(await mined(stakingAs(ALICE).write.claim([id])))).toEqual([])
    expect(await balance(address(ALICE))).toBe(before + OPEN(10n))
    await mined(stakingAs(BOB).write.claim([id]))
    expect(await balance(address(BOB))).toBe(OPEN(700n) + OPEN(30n))
  })

  it('keeps rewards earned before a stake change, and pays later stake only from the round after it came', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await roundClosed(id)
    await rewarded(id, OPEN(10n))
    await staked(ALICE, id, OPEN(100n))
    await staked(BOB, id, OPEN(200n))
    // The round the new stake came in: only ALICE's first 100 were there for all of it.
    await rewarded(id, OPEN(20n))
    expect(await positionOf(id, ALICE)).toMatchObject({ pendingReward: OPEN(30n), warmingTokens: 0n })
    expect(await positionOf(id, BOB)).toMatchObject({ pendingReward: 0n, warmingTokens: 0n })
    await rewarded(id, OPEN(40n))
    expect((await positionOf(id, ALICE)).pendingReward).toBe(OPEN(30n + 20n))
    expect((await positionOf(id, BOB)).pendingReward).toBe(OPEN(20n))
  })

  it('pays stake added the block before a reward nothing of it (checkpointed rounds)', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await roundClosed(id)
    // BOB sees the reward coming and stakes 100 times ALICE's stake just before it lands.
    await staked(BOB, id, OPEN(900n))
    expect((await positionOf(id, BOB)).warmingTokens).toBe(OPEN(900n))
    await rewarded(id, OPEN(50n))
    expect((await positionOf(id, ALICE)).pendingReward).toBe(OPEN(50n))
    expect((await positionOf(id, BOB)).pendingReward).toBe(0n)
    const before = await balance(address(BOB))
    await mined(stakingAs(BOB).write.claim([id]))
    expect(await balance(address(BOB))).toBe(before)
    // …and unstaking takes its warming shares first, leaving ALICE's share of the round alone.
    await staked(ALICE, id, OPEN(100n))
    await mined(stakingAs(ALICE).write.requestUnstake([id, OPEN(100n)]))
    expect(await positionOf(id, ALICE)).toMatchObject({ activeTokens: OPEN(100n), warmingTokens: 0n })
    await rewarded(id, OPEN(100n))
    expect((await positionOf(id, ALICE)).pendingReward).toBe(OPEN(50n + 10n))
    expect((await positionOf(id, BOB)).pendingReward).toBe(OPEN(90n))
  })

  it('sends a round’s reward to the treasury when all the stake arrived during it', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    const before = await balance(treasury())
    const receipt = await rewarded(id, OPEN(5n))
    expect(stakingEvents(receipt)).toEqual([
      ['RewardNotified', { agentId: id, from: address(ROUTER), amount: OPEN(5n), toTreasury: true }],
      ['RewardRoundClosed', { agentId: id, round: 0n, rewardPerShare: 0n }],
    ])
    expect(await balance(treasury())).toBe(before + OPEN(5n))
    expect(await positionOf(id, ALICE)).toMatchObject({ pendingReward: 0n, warmingTokens: 0n })
  })

  it('pays unbonding stake no rewards, but keeps what it earned before unbonding', async () => {
    const id = await newAgent()
    await staked(ALICE, id, OPEN(100n))
    await staked(BOB, id, OPEN(100n))
    await roundClosed(id)
    await rewarded(id, OPEN(20n))
    await mined(stakingAs(BOB).write.requestUnstake([id, OPEN(100n)]))
    await rewarded(id, OPEN(20n))
    expect((await positionOf(id, ALICE)).pendingReward).toBe(OPEN(30n))
    expect((await positionOf(id, BOB)).pendingReward).toBe(OPEN(10n))
    await mined(stakingAs(BOB).write.claim([id]))
    expect(await balance(address(BOB))).toBe(OPEN(900n) + OPEN(10n))
  })

  it('sends a reward with no active stake to the treasury', async () => {
    const id = await newAgent()
    const before = await balance(treasury())
    const receipt = await rewarded(id, OPEN(5n))
    expect(stakingEvents(receipt)[0]).toEqual([
      'RewardNotified',
      { agentId: id, from: address(ROUTER), amount: OPEN(5n), toTreasury: true },
    ])
    expect(await balance(treasury())).toBe(before + OPEN(5n))
    expect(await balance(stakingAddress())).toBe(0n)
  })

  it('takes rewards from the fee router only, never zero, for known agents', async () => {
    const id = await newAgent()
    for (const i of [ALICE, CREATOR, ...SAFE_OWNERS]) {
      expect(await revertOf(stakingAs(i).write.notifyReward([id, 1n]))).toEqual({
        errorName: 'AgentStakingUnauthorizedFeeRouter',
        args: [address(i)],
      })
    }
    expect(await revertOf(stakingAs(ROUTER).write.notifyReward([id, 0n]))).toEqual({
      errorName: 'AgentStakingZeroAmount',
      args: [],
    })
    expect(await revertOf(stakingAs(ROUTER).write.notifyReward([7n, 1n]))).toEqual({
      errorName: 'AgentRegistryUnknownAgent',
      args: [7n],
    })
  })
})

describe('isAgentActive', () => {
  it('needs the total and the creator minimums, no pause and no jail', async () => {
    const id = await newAgent()
    expect(await isActive(id)).toBe(false)
    await staked(ALICE, id, OPEN(100n))
    expect(await isActive(id)).toBe(false) // creator has no stake
    await staked(CREATOR, id, OPEN(50n) - 1n)
    expect(await isActive(id)).toBe(false)
    await staked(CREATOR, id, 1n)
    expect(await isActive(id)).toBe(true)

    await mined(stakingAs(ALICE).write.requestUnstake([id, OPEN(51n)]))
    expect(await isActive(id)).toBe(false) // 99 OPEN active in total
    await staked(BOB, id, OPEN(1n))
    expect(await isActive(id)).toBe(true)

    await mined(stakingAs(CREATOR).write.requestUnstake([id, 1n]))
    expect(await isActive(id)).toBe(false)
    await staked(CREATOR, id, 1n)
    expect(await isActive(id)).toBe(true)
  })

  it('is false while the agent is paused, and for unknown agents', async () => {
    const id = await newAgent()
    await staked(CREATOR, id, OPEN(100n))
    expect(await isActive(id)).toBe(true)
    await asSafe(
      registryAddress(),
      encodeFunctionData({ abi: agentRegistryAbi, functionName: 'setPaused', args: [id, true] }),
    )
    expect(await isActive(id)).toBe(false)
    for (const unknown of [0n, 2n]) expect(await isActive(unknown)).toBe(false)
  })
})

describe('admin', () => {
  const NEW_PARAMS: Params = {
    unbondingPeriod: 3600n,
    minAgentStake: OPEN(1n),
    minCreatorStake: 0n,
    challengeBond: OPEN(2n),
    challengerRewardBps: 5000,
    challengePeriod: 3600n,
  }

  it('refuses setParams, resolveChallenge, setFeeRouter and unjail from every dev account', async () => {
    for (let i = 0; i < 10; i++) {
      const staking = stakingAs(i)
      const lacking = (role: Hex) => ({
        errorName: 'AccessControlUnauthorizedAccount',
        args: [address(i), role],
      })
      expect(await revertOf(staking.write.setParams([NEW_PARAMS]))).toEqual(lacking(PARAMETERS_ROLE))
      expect(await revertOf(staking.write.resolveChallenge([1n, true, 2000]))).toEqual(lacking(RESOLVER_ROLE))
      expect(await revertOf(staking.write.setFeeRouter([address(i)]))).toEqual(lacking(PARAMETERS_ROLE))
      expect(await revertOf(staking.write.unjail([1n]))).toEqual(lacking(RESOLVER_ROLE))
      expect(await revertOf(staking.write.grantRole([PARAMETERS_ROLE, address(i)]))).toEqual(
        lacking(zeroHash),
      )
    }
  })

  it('lets the Safe set parameters, validated, and the fee router', async () => {
    expect(await stakingAs(0).read.params()).toEqual(PARAMS)
    const receipt = await asSafe(
      stakingAddress(),
      encodeFunctionData({ abi: agentStakingAbi, functionName: 'setParams', args: [NEW_PARAMS] }),
    )
    expect(stakingEvents(receipt)).toEqual([['ParamsChanged', { params: NEW_PARAMS }]])
    expect(await stakingAs(0).read.params()).toEqual(NEW_PARAMS)

    const routed = await asSafe(
      stakingAddress(),
      encodeFunctionData({ abi: agentStakingAbi, functionName: 'setFeeRouter', args: [address(OUTSIDER)] }),
    )
    expect(stakingEvents(routed)).toEqual([
      ['FeeRouterChanged', { previousFeeRouter: address(ROUTER), newFeeRouter: address(OUTSIDER) }],
    ])
    expect(await stakingAs(0).read.feeRouter()).toBe(address(OUTSIDER))
  })

  it('gives the Safe every role, and a role it grants is that power alone (how governance can take one later)', async () => {
    for (const role of [zeroHash, PARAMETERS_ROLE, RESOLVER_ROLE])
      expect(await stakingAs(0).read.hasRole([role, treasury()])).toBe(true)
    const grant = encodeFunctionData({
      abi: agentStakingAbi,
      functionName: 'grantRole',
      args: [PARAMETERS_ROLE, address(OUTSIDER)],
    })
    await asSafe(stakingAddress(), grant)
    await mined(stakingAs(OUTSIDER).write.setParams([NEW_PARAMS]))
    expect(await stakingAs(0).read.params()).toEqual(NEW_PARAMS)
    expect(await revertOf(stakingAs(OUTSIDER).write.unjail([1n]))).toEqual({
      errorName: 'AccessControlUnauthorizedAccount',
      args: [address(OUTSIDER), RESOLVER_ROLE],
    })
  })

  it('validates parameters', async () => {
    // Simulated from the Safe's address: a Safe execution would revert the same way, without a decodable error.
    for (const bad of [
      { ...NEW_PARAMS, challengerRewardBps: 10_001 },
      { ...NEW_PARAMS, challengeBond: 0n },
      { ...NEW_PARAMS, unbondingPeriod: 366n * 24n * 3600n },
      { ...NEW_PARAMS, challengePeriod: 0n },
      { ...NEW_PARAMS, challengePeriod: 91n * 24n * 3600n },
    ]) {
      expect(await revertOf(stakingAs(0).simulate.setParams([bad], { account: treasury() }))).toEqual({
        errorName: 'AgentStakingInvalidParams',
        args: [bad],
      })
    }
  })
})
