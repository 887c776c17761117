import { keccak256, toHex, zeroHash } from 'viem'
import type { Action, AdminCall } from './actions.js'
import type { Model } from './model.js'
import { type ProtocolHarness, SETTLER } from './protocolHarness.js'
import { runFeeRouterAction } from './runFeeRouterAction.js'
import { expectRevert, runStakingAction } from './runStakingAction.js'

/**
 * Runs one generated action as real transactions on the devnet, asserting its outcome, and keeps the model
 * in step with what succeeded.
 *
 * @example
 * await runAction(harness, model, { kind: 'passTime', hours: 24n })
 */
export async function runAction(h: ProtocolHarness, model: Model, action: Action): Promise<void> {
  switch (action.kind) {
    case 'passTime':
      return passTime(h, model, action.hours)
    case 'withdraw':
      if (action.wait) await passTime(h, model, 192n)
      return runStakingAction(h, model, action)
    case 'finalize':
      if (action.wait) await passTime(h, model, 1n)
      return runFeeRouterAction(h, model, action)
    case 'withdrawPrepaid':
      if (action.wait) await passTime(h, model, 24n)
      return runFeeRouterAction(h, model, action)
    case 'deposit':
    case 'authorize':
    case 'requestWithdrawal':
    case 'post':
    case 'veto':
    case 'refund':
    case 'claim':
    case 'bond':
      return runFeeRouterAction(h, model, action)
    case 'unauthorized':
      return unauthorized(h, model, action.caller, action.call)
    default:
      return runStakingAction(h, model, action)
  }
}

/** Moves the chain's clock and the model's by whole hours, mining a block. */
async function passTime(h: ProtocolHarness, model: Model, hours: bigint) {
  await h.devnet.testClient.increaseTime({ seconds: Number(hours * 3600n) })
  await h.devnet.testClient.mine({ blocks: 1 })
  model.clock += hours * 3600n
}

const [PARAMETERS_ROLE, VETO_ROLE, SETTLER_ROLE] = ['PARAMETERS_ROLE', 'VETO_ROLE', 'SETTLER_ROLE'].map(
  (role) => keccak256(toHex(role)),
) as [`0x${string}`, `0x${string}`, `0x${string}`]

/**
 * No EOA exercises a Safe power: an owner-only AgentStaking call from a dev account (the Safe's own owners
 * included) reverts with OwnableUnauthorizedAccount, a role-guarded FeeRouter call with
 * AccessControlUnauthorizedAccount naming the role (postEpoch: SETTLER_ROLE, tried by anyone but the
 * settler); `checkInvariants` then sees the parameters, splits, window, bond, roles, jails and challenges
 * unchanged.
 */
async function unauthorized(h: ProtocolHarness, model: Model, caller: number, call: AdminCall) {
  const as = call === 'postEpoch' && caller === SETTLER ? 8 : caller
  const who = h.devnet.address(as)
  const staking = h.stakingAs(as)
  const router = h.routerAs(as)
  const [first] = h.agentIds()
  const ownerCalls: Partial<Record<AdminCall, () => Promise<unknown>>> = {
    setParams: () =>
      staking.write.setParams([
        {
          unbondingPeriod: 1n,
          minAgentStake: 0n,
          minCreatorStake: 0n,
          challengeBond: 1n,
          challengerRewardBps: 10_000,
        },
      ]),
    resolveChallenge: () => staking.write.resolveChallenge([model.challengeCount || 1n, true, 10_000]),
    unjail: () => staking.write.unjail([first!]),
  }
  const owned = ownerCalls[call]
  if (owned) return expectRevert(owned(), 'OwnableUnauthorizedAccount', [who])
  const next = model.router.lastEpoch + 1n
  const roleCalls: Record<string, [() => Promise<unknown>, `0x${string}`]> = {
    setSplits: [
      () =>
        router.write.setSplits([
          { contributors: 0, agentCreator: 0, adapterCreators: 0, stakers: 0, treasury: 10_000 },
        ]),
      PARAMETERS_ROLE,
    ],
    setDisputeWindow: [() => router.write.setDisputeWindow([1n]), PARAMETERS_ROLE],
    setMinSettlerBond: [() => router.write.setMinSettlerBond([0n]), PARAMETERS_ROLE],
    vetoEpoch: [() => router.write.vetoEpoch([model.router.pending || next, 10n ** 30n]), VETO_ROLE],
    grantRole: [() => router.write.grantRole([SETTLER_ROLE, who]), zeroHash],
    revokeRole: [() => router.write.revokeRole([VETO_ROLE, h.safe()]), zeroHash],
    postEpoch: [
      () => router.write.postEpoch([next, keccak256(toHex('forged')), zeroHash, [], [], [], 0n]),
      SETTLER_ROLE,
    ],
  }
  const [write, role] = roleCalls[call]!
  await expectRevert(write(), 'AccessControlUnauthorizedAccount', [who, role])
}
