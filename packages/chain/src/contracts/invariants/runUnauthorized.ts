import { type Hex, keccak256, toHex, zeroHash } from 'viem'
import type { AdminCall } from './actions.js'
import type { Model } from './model.js'
import { AGENT_CREATORS, type ProtocolHarness, SETTLER } from './protocolHarness.js'
import { ROLES } from './roles.js'
import { expectRevert } from './runStakingAction.js'

type Refusal = [() => Promise<unknown>, errorName: string, args: readonly unknown[]]

/**
 * No EOA exercises a Safe power: dev account `caller` (the Safe's own owners included) calls a role-guarded
 * function of AgentStaking, FeeRouter, AgentRegistry or ModelRegistry and gets
 * AccessControlUnauthorizedAccount naming the role it lacks (postEpoch: SETTLER_ROLE, tried by anyone but
 * the settler), or AgentRegistryUnauthorized when it pauses an agent it did not create. `checkInvariants`
 * then sees the parameters, splits, window, bond, roles, fee router, pauses, jails and challenges unchanged.
 *
 * @example
 * await runUnauthorized(harness, model, 4, 'setFeeRouter')
 */
export async function runUnauthorized(h: ProtocolHarness, model: Model, caller: number, call: AdminCall) {
  const as = call === 'postEpoch' && caller === SETTLER ? 8 : caller
  const [write, errorName, args] = refusalOf(h, model, as, call)
  await expectRevert(write(), errorName, args)
}

function refusalOf(h: ProtocolHarness, model: Model, as: number, call: AdminCall): Refusal {
  const who = h.devnet.address(as)
  const lacks = (write: () => Promise<unknown>, role: Hex): Refusal => [
    write,
    'AccessControlUnauthorizedAccount',
    [who, role],
  ]
  const [staking, router] = [h.stakingAs(as), h.routerAs(as)]
  const [registry, lineage] = [h.registryAs(as), h.modelRegistryAs(as)]
  const [first] = h.agentIds()
  // An agent `as` did not create: the first one's creator is AGENT_CREATORS[0].
  const notMine = h.agentIds()[as === AGENT_CREATORS[0] ? 1 : 0]!
  const next = model.router.lastEpoch + 1n
  const calls: Record<AdminCall, () => Refusal> = {
    setParams: () => lacks(() => staking.write.setParams([LAX_PARAMS]), ROLES.parameters),
    setFeeRouter: () => lacks(() => staking.write.setFeeRouter([who]), ROLES.parameters),
    resolveChallenge: () =>
      lacks(
        () => staking.write.resolveChallenge([model.challengeCount || 1n, true, 10_000]),
        ROLES.challengeResolver,
      ),
    unjail: () => lacks(() => staking.write.unjail([first!]), ROLES.challengeResolver),
    grantStakingRole: () => lacks(() => staking.write.grantRole([ROLES.challengeResolver, who]), ROLES.admin),
    revokeStakingRole: () => lacks(() => staking.write.revokeRole([ROLES.parameters, h.safe()]), ROLES.admin),
    setSplits: () => lacks(() => router.write.setSplits([ALL_TO_TREASURY]), ROLES.parameters),
    setDisputeWindow: () => lacks(() => router.write.setDisputeWindow([1n]), ROLES.parameters),
    setMinSettlerBond: () => lacks(() => router.write.setMinSettlerBond([0n]), ROLES.parameters),
    vetoEpoch: () =>
      lacks(() => router.write.vetoEpoch([model.router.pending || next, 10n ** 30n]), ROLES.veto),
    grantRole: () => lacks(() => router.write.grantRole([ROLES.settler, who]), ROLES.admin),
    revokeRole: () => lacks(() => router.write.revokeRole([ROLES.veto, h.safe()]), ROLES.admin),
    postEpoch: () =>
      lacks(
        () => router.write.postEpoch([next, keccak256(toHex('forged')), zeroHash, [], [], [], 0n]),
        ROLES.settler,
      ),
    pauseAgent: () => [
      () => registry.write.setPaused([notMine, true]),
      'AgentRegistryUnauthorized',
      [notMine, who],
    ],
    grantPauserRole: () => lacks(() => registry.write.grantRole([ROLES.pauser, who]), ROLES.admin),
    revokeAdapter: () =>
      lacks(
        () => lineage.write.revokeAdapter([keccak256(toHex('any adapter')), 'license']),
        ROLES.adapterRevoker,
      ),
    grantRevokerRole: () => lacks(() => lineage.write.grantRole([ROLES.adapterRevoker, who]), ROLES.admin),
  }
  return calls[call]()
}

const LAX_PARAMS = {
  unbondingPeriod: 1n,
  minAgentStake: 0n,
  minCreatorStake: 0n,
  challengeBond: 1n,
  challengerRewardBps: 10_000,
  challengePeriod: 1n,
} as const
const ALL_TO_TREASURY = { contributors: 0, agentCreator: 0, adapterCreators: 0, stakers: 0, treasury: 10_000 }
