import type { Action, AdminCall } from './actions.js'
import type { Model } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
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
    case 'deposit':
    case 'settle':
    case 'claim':
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

/**
 * Invariant 7: an owner-only call from a dev account (the Safe's own owners included: only the Safe itself
 * owns the contracts) reverts with OwnableUnauthorizedAccount; `checkInvariants` then sees the parameters,
 * splits, settler, jails and challenges unchanged.
 */
async function unauthorized(h: ProtocolHarness, model: Model, caller: number, call: AdminCall) {
  const who = h.devnet.address(caller)
  const staking = h.stakingAs(caller)
  const router = h.routerAs(caller)
  const [first] = h.agentIds()
  const calls: Record<AdminCall, () => Promise<unknown>> = {
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
    setSplits: () =>
      router.write.setSplits([
        { contributors: 0, agentCreator: 0, adapterCreators: 0, stakers: 0, treasury: 10_000 },
      ]),
    setSettler: () => router.write.setSettler([who]),
    unjail: () => staking.write.unjail([first!]),
  }
  await expectRevert(calls[call](), 'OwnableUnauthorizedAccount', [who])
}
