import { WEI_PER_OPEN } from '@openledger/contracts'
import { keccak256, toHex } from 'viem'
import type { Attack } from './attackChecks.js'
import {
  ALICE,
  type AttackStaking,
  BOB,
  CREATOR,
  HONEST_CHALLENGER,
  MALLORY,
  STAKING_PARAMS,
} from './stakingAttackHarness.js'

const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
const HOUR = 3600n
const { challengePeriod, unbondingPeriod } = STAKING_PARAMS
const evidence = (text: string) => keccak256(toHex(text))

/** Attacks on AgentStaking's challenges (squatting, copying, freezing) and its reward rounds. */
export const stakingAttacks: readonly Attack<AttackStaking>[] = [
  {
    name: 'a challenge copied from the mempool, sent in one step',
    protections: ['commit-first'],
    async run(s, check) {
      // The honest challenger's reveal is public once sent; Mallory sends the same values without a commitment.
      await s.commit(HONEST_CHALLENGER, evidence('transcript'))
      const copy = s
        .as(MALLORY)
        .write.challenge([s.agentId, evidence('transcript'), s.saltOf(HONEST_CHALLENGER)])
      await check.refused(copy, 'AgentStakingNotCommitted')
    },
  },
  {
    name: 'a challenge copied from the mempool, committed and revealed in one block ahead of it',
    protections: ['commit-earlier-block'],
    async run(s, check) {
      const before = await s.as(0).read.challengeCount()
      const data = [s.agentId, evidence('seen in the mempool'), s.saltOf(MALLORY)] as const
      const commitment = await s.as(0).read.challengeCommitment([s.address(MALLORY), ...data])
      await s.testClient.setAutomine(false)
      try {
        await s.as(MALLORY).write.commitChallenge([commitment], { gas: 100_000n })
        await s.as(MALLORY).write.challenge(data, { gas: 500_000n })
        await s.testClient.mine({ blocks: 1 })
      } finally {
        await s.testClient.setAutomine(true)
      }
      check.holds((await s.as(0).read.challengeCount()) === before, 'a same-block reveal opened a challenge')
    },
  },
  {
    name: 'a challenge copied from another’s revealed evidence',
    protections: ['evidence-once'],
    async run(s, check) {
      const seen = evidence('a revealed transcript')
      await s.challenge(HONEST_CHALLENGER, seen)
      await s.commit(MALLORY, seen)
      await check.refused(
        s.as(MALLORY).write.challenge([s.agentId, seen, s.saltOf(MALLORY)]),
        'AgentStakingEvidenceUsed',
      )
    },
  },
  {
    name: 'a challenge squatted to freeze withdrawals past the cap',
    protections: ['freeze-cap'],
    async run(s, check) {
      const ends = await s.unbonded(BOB, OPEN(50n))
      // Mallory opens a challenge just before BOB's unbonding ends, and another just before that one expires.
      await s.passTime(unbondingPeriod - HOUR)
      await s.challenge(MALLORY, evidence('squat 1'))
      await s.passTime(challengePeriod - HOUR)
      await s.commit(ALICE, evidence('squat 2'))
      await s.mined(s.as(ALICE).write.challenge([s.agentId, evidence('squat 2'), s.saltOf(ALICE)]))
      const now = (await s.publicClient.getBlock()).timestamp
      await s.passTime(ends + challengePeriod - now)
      try {
        await s.mined(s.as(BOB).write.withdraw([s.agentId]))
      } catch (cause) {
        check.holds(
          false,
          `BOB's stake is still frozen past challengePeriod after its unbonding end: ${cause}`,
        )
      }
    },
  },
  {
    name: 'unbonding stake run out while a challenge is open',
    protections: ['challenge-freeze'],
    async run(s, check) {
      await s.unbonded(BOB, OPEN(50n))
      await s.passTime(unbondingPeriod - HOUR)
      await s.challenge(HONEST_CHALLENGER, evidence('BOB’s agent misbehaved'))
      await s.passTime(2n * HOUR)
      await check.refused(s.as(BOB).write.withdraw([s.agentId]), 'AgentStakingWithdrawalFrozen')
    },
  },
  {
    name: 'unbonding stake withdrawn before its unbonding ends',
    protections: ['unbonding'],
    async run(s, check) {
      await s.unbonded(BOB, OPEN(50n))
      await s.passTime(unbondingPeriod - HOUR)
      await check.refused(s.as(BOB).write.withdraw([s.agentId]), 'AgentStakingUnbonding')
    },
  },
  {
    name: 'new stake lured in while a challenge is open, to share its slash',
    protections: ['no-stake-in-challenge'],
    async run(s, check) {
      await s.challenge(HONEST_CHALLENGER, evidence('before BOB came'))
      await check.refused(s.as(BOB).write.stake([s.agentId, OPEN(100n)]), 'AgentStakingChallengeOpen')
    },
  },
  {
    name: 'stake added the block before settlement, to take the round’s reward',
    protections: ['stake-warms', 'warming-earns-nothing'],
    async run(s, check) {
      await s.reward(1n) // CREATOR's and ALICE's stake has been there for a round: it earns from now on
      await s.mined(s.as(MALLORY).write.stake([s.agentId, OPEN(800n)]))
      await s.reward(OPEN(100n))
      const pending = async (who: number) =>
        (await s.as(0).read.positionOf([s.agentId, s.address(who)])).pendingReward
      check.holds(
        (await pending(MALLORY)) === 0n,
        'the stake that arrived last block earned the round’s reward',
      )
      const honest = (await pending(CREATOR)) + (await pending(ALICE))
      check.holds(
        OPEN(100n) - honest < 10n,
        `the stakers who were there got ${honest} of the round’s 100 OPEN`,
      )
      // Claiming pays Mallory nothing either.
      const before = await s.balanceOf(s.address(MALLORY))
      await s.mined(s.as(MALLORY).write.claim([s.agentId]))
      check.holds((await s.balanceOf(s.address(MALLORY))) === before, 'the late stake was paid on claim')
    },
  },
  {
    name: 'a reward round closed early by an outsider, so fresh stake earns the real one',
    protections: ['reward-source'],
    async run(s, check) {
      await s.mined(s.as(MALLORY).write.stake([s.agentId, OPEN(800n)]))
      await check.refused(
        s.as(MALLORY).write.notifyReward([s.agentId, 1n]),
        'AgentStakingUnauthorizedFeeRouter',
      )
    },
  },
  {
    name: 'a challenge resolved by an outsider',
    protections: ['resolver-role'],
    async run(s, check) {
      const id = await s.challenge(MALLORY, evidence('mine'))
      await check.refused(
        s.as(MALLORY).write.resolveChallenge([id, true, 10_000]),
        'AccessControlUnauthorizedAccount',
      )
    },
  },
  {
    name: 'a stale challenge resolved after its expiry, slashing stake that waited it out',
    protections: ['challenge-expiry'],
    async run(s, check) {
      const id = await s.challenge(HONEST_CHALLENGER, evidence('old'))
      await s.passTime(challengePeriod)
      await check.refused(s.safe.write.resolveChallenge([id, true, 5000]), 'AgentStakingChallengeExpired')
    },
  },
  {
    name: 'a challenger taking its bond back before the Safe rules',
    protections: ['expire-after-period'],
    async run(s, check) {
      const id = await s.challenge(MALLORY, evidence('frivolous'))
      await check.refused(s.as(MALLORY).write.expireChallenge([id]), 'AgentStakingChallengeNotExpired')
    },
  },
  {
    name: 'a rejected challenger reclaiming its forfeited bond by expiring the challenge',
    protections: ['resolve-once'],
    async run(s, check) {
      const id = await s.challenge(MALLORY, evidence('frivolous'))
      await s.challenge(HONEST_CHALLENGER, evidence('a real one, still open'))
      await s.mined(s.safe.write.resolveChallenge([id, false, 0]))
      await s.passTime(challengePeriod)
      await check.refused(s.as(MALLORY).write.expireChallenge([id]), 'AgentStakingChallengeResolved')
    },
  },
]
