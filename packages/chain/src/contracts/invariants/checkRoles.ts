import { agentStakingAbi } from '@openledger/contracts'
import type { Hex } from 'viem'
import { expect } from 'vitest'
import { type ProtocolHarness, SETTLER } from './protocolHarness.js'
import { ROLES, SAFE_ROLES } from './roles.js'

type RoleContract = keyof typeof SAFE_ROLES
const CONTRACTS = Object.keys(SAFE_ROLES) as RoleContract[]
/** AccessControl's events, the same on every contract: the only ways a role changes hands. */
const roleEvents = agentStakingAbi.filter(
  (item) => item.type === 'event' && ['RoleGranted', 'RoleRevoked', 'RoleAdminChanged'].includes(item.name),
)

const hasRoleOn = (h: ProtocolHarness): Record<RoleContract, (args: [Hex, Hex]) => Promise<boolean>> => ({
  AgentStaking: h.stakingAs(0).read.hasRole,
  FeeRouter: h.routerAs(0).read.hasRole,
  AgentRegistry: h.registryAs(0).read.hasRole,
  ModelRegistry: h.modelRegistryAs(0).read.hasRole,
})

/** The roles swept for each dev account: the Safe's, and on FeeRouter the settler's too. */
const sweptRoles = (name: RoleContract): readonly Hex[] =>
  name === 'FeeRouter' ? [...SAFE_ROLES[name], ROLES.settler] : SAFE_ROLES[name]

/**
 * Before a run: on AgentStaking, FeeRouter, AgentRegistry and ModelRegistry no dev account holds any role
 * but dev account 9's SETTLER_ROLE on FeeRouter.
 *
 * @example
 * await checkNoEoaRoles(harness)
 */
export async function checkNoEoaRoles(h: ProtocolHarness): Promise<void> {
  const hasRole = hasRoleOn(h)
  const accounts = h.devnet.env.devnet.accounts.map((a) => a.address)
  const held = await Promise.all(
    accounts.flatMap((who) =>
      CONTRACTS.flatMap((name) => sweptRoles(name).map((role) => hasRole[name]([role, who]))),
    ),
  )
  const expected = accounts.flatMap((_, i) =>
    CONTRACTS.flatMap((name) => sweptRoles(name).map((role) => role === ROLES.settler && i === SETTLER)),
  )
  expect(held, 'roles held by dev accounts').toEqual(expected)
}

/**
 * After each step: the Safe still holds every admin role of the four contracts, dev account 9 still settles,
 * and no role was granted, revoked or re-administered on any of them since `fromBlock` (the run's start), so
 * the accounts `checkNoEoaRoles` swept hold what they held.
 *
 * @example
 * await checkRoles(harness, baseline.block + 1n)
 */
export async function checkRoles(h: ProtocolHarness, fromBlock: bigint): Promise<void> {
  const hasRole = hasRoleOn(h)
  const safeHeld = await Promise.all(
    CONTRACTS.flatMap((name) => SAFE_ROLES[name].map((role) => hasRole[name]([role, h.safe()]))),
  )
  expect(safeHeld, 'roles the Safe holds').toEqual(safeHeld.map(() => true))
  expect(await hasRole.FeeRouter([ROLES.settler, h.devnet.address(SETTLER)]), 'the settler').toBe(true)
  const { contracts } = h.devnet.env.manifest
  const changes = await h.devnet.env.connection.publicClient.getLogs({
    address: CONTRACTS.map((name) => contracts[name]),
    events: roleEvents,
    fromBlock,
  })
  expect(
    changes.map((log) => [log.address, log.eventName, log.args]),
    'role changes',
  ).toEqual([])
}
