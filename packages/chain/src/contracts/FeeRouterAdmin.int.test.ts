import { feeRouterAbi, feeRouterBytecode } from '@openledger/contracts'
import { type Address, type Hex, zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { deployContract } from '../deploy/deployContract.js'
import { revertOf } from '../testing/revertOf.js'
import {
  DAY,
  OPEN,
  OUTSIDER,
  PARAMETERS,
  PAYER_A,
  ROLES,
  SETTLER,
  SPLITS,
  useFeeRouter,
  WITHDRAWAL_DELAY,
} from './feeRouterFixture.js'
import { buildEpoch } from './feeRouterSettlement.js'

/** Admin powers are AccessControl roles held by the treasury Safe: no EOA has any, the Safe uses each. */
const fixture = useFeeRouter()
const { address, account, routerAs, eventsIn, treasury, mined } = fixture

type Splits = { -readonly [K in keyof typeof SPLITS]: number }
const NEW_SPLITS: Splits = {
  contributors: 5000,
  agentCreator: 2000,
  adapterCreators: 1000,
  stakers: 1500,
  treasury: 500,
}
const MAX_PERIOD = 365n * DAY
/** Safe owners acting alone, the settler, a payer and an outsider. */
const EOAS = [0, 1, 2, SETTLER, PAYER_A, OUTSIDER]

/** Every role-guarded function with plausible arguments, and the role it needs. */
const guarded = (): [string, readonly unknown[], Hex][] => [
  ['setSplits', [NEW_SPLITS], ROLES.parameters],
  ['setDisputeWindow', [1n], ROLES.parameters],
  ['setMinSettlerBond', [0n], ROLES.parameters],
  ['vetoEpoch', [1n, OPEN(1n)], ROLES.veto],
  ['grantRole', [ROLES.settler, address(OUTSIDER)], ROLES.admin],
  ['grantRole', [ROLES.veto, address(OUTSIDER)], ROLES.admin],
  ['revokeRole', [ROLES.settler, address(SETTLER)], ROLES.admin],
  ['revokeRole', [ROLES.veto, treasury()], ROLES.admin],
]

/** A router call simulated from `from` (the Safe's address included), to read its custom error. */
const simulate = (from: Address, functionName: string, args: readonly unknown[]) =>
  fixture.env.connection.publicClient.simulateContract({
    address: fixture.routerAddress(),
    abi: feeRouterAbi,
    functionName,
    args,
    account: from,
  } as never)

describe('role-guarded functions', () => {
  it.each(EOAS)('refuse dev account %i, the Safe owners included', async (i) => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(10n)]))
    await mined(fixture.post(buildEpoch(1n, [{ payer: address(PAYER_A), amount: OPEN(1n) }], new Map())))
    for (const [functionName, args, role] of guarded()) {
      const { errorName, args: errorArgs } = await revertOf(simulate(address(i), functionName, args))
      expect({ functionName, errorName, errorArgs }).toEqual({
        functionName,
        errorName: 'AccessControlUnauthorizedAccount',
        errorArgs: [address(i), role],
      })
    }
  })

  it('lets the treasury Safe set the splits, the dispute window and the minimum bond, with events', async () => {
    const changes = [
      ['setSplits', [NEW_SPLITS], 'SplitsSet', { splits: NEW_SPLITS }],
      ['setDisputeWindow', [2n * DAY], 'DisputeWindowSet', { disputeWindow: 2n * DAY }],
      ['setMinSettlerBond', [OPEN(7n)], 'MinSettlerBondSet', { minSettlerBond: OPEN(7n) }],
    ] as const
    for (const [functionName, args, event, fields] of changes) {
      const receipt = await fixture.asSafe({ functionName, args } as never)
      expect(eventsIn(receipt)).toEqual([[event, fields]])
    }
    const router = routerAs(0)
    expect(await router.read.splits()).toEqual(NEW_SPLITS)
    expect(await router.read.disputeWindow()).toBe(2n * DAY)
    expect(await router.read.minSettlerBond()).toBe(OPEN(7n))
  })

  it('lets the treasury Safe appoint and remove settlers and give the veto away', async () => {
    const router = routerAs(0)
    const granted = await fixture.asSafe({
      functionName: 'grantRole',
      args: [ROLES.settler, address(OUTSIDER)],
    })
    expect(eventsIn(granted)).toEqual([
      ['RoleGranted', { role: ROLES.settler, account: address(OUTSIDER), sender: treasury() }],
    ])
    expect(await router.read.hasRole([ROLES.settler, address(OUTSIDER)])).toBe(true)
    await fixture.asSafe({ functionName: 'revokeRole', args: [ROLES.settler, address(SETTLER)] })
    expect(await router.read.hasRole([ROLES.settler, address(SETTLER)])).toBe(false)
    // Token governance can later hold a power by a grant, without a new contract.
    await fixture.asSafe({ functionName: 'grantRole', args: [ROLES.veto, address(OUTSIDER)] })
    await fixture.asSafe({ functionName: 'revokeRole', args: [ROLES.veto, treasury()] })
    expect(await router.read.hasRole([ROLES.veto, treasury()])).toBe(false)
    expect(await router.read.getRoleAdmin([ROLES.veto])).toBe(ROLES.admin)
  })

  it('lets the treasury Safe veto a pending epoch', async () => {
    await mined(routerAs(PAYER_A).write.deposit([OPEN(10n)]))
    await mined(fixture.post(buildEpoch(1n, [{ payer: address(PAYER_A), amount: OPEN(1n) }], new Map())))
    await fixture.asSafe({ functionName: 'vetoEpoch', args: [1n, 0n] })
    expect((await routerAs(0).read.epochOf([1n])).status).toBe(3)
  })
})

describe('parameters', () => {
  it('refuses splits that do not sum to 10,000 and windows outside 1 s to a year, even from the Safe', async () => {
    for (const [splits, sum] of [
      [{ ...NEW_SPLITS, treasury: 499 }, 9999n],
      [{ ...NEW_SPLITS, treasury: 501 }, 10001n],
    ] as const)
      expect(await revertOf(simulate(treasury(), 'setSplits', [splits]))).toEqual({
        errorName: 'FeeRouterInvalidSplits',
        args: [sum],
      })
    for (const window of [0n, MAX_PERIOD + 1n])
      expect(await revertOf(simulate(treasury(), 'setDisputeWindow', [window]))).toEqual({
        errorName: 'FeeRouterInvalidPeriod',
        args: [window],
      })
    await expect(
      fixture.asSafe({ functionName: 'setSplits', args: [{ ...NEW_SPLITS, treasury: 499 }] }),
    ).rejects.toThrow()
    expect(await routerAs(0).read.splits()).toEqual(SPLITS)
  })

  it('refuses invalid splits, an invalid window and zero addresses at deployment', async () => {
    const { connection, manifest } = fixture.env
    const deploying = (overrides: { parameters?: object; settler?: Address }) =>
      deployContract(connection, account(0), {
        abi: feeRouterAbi,
        bytecode: feeRouterBytecode,
        args: [
          manifest.contracts.OpenToken,
          treasury(),
          fixture.stakingAddress(),
          fixture.stakingAddress(),
          overrides.settler ?? address(SETTLER),
          { ...PARAMETERS, ...overrides.parameters },
          WITHDRAWAL_DELAY,
        ],
      } as never)
    expect(
      await revertOf(deploying({ parameters: { splits: { ...SPLITS, contributors: 0 } } }), feeRouterAbi),
    ).toEqual({ errorName: 'FeeRouterInvalidSplits', args: [6000n] })
    expect(await revertOf(deploying({ parameters: { disputeWindow: 0n } }), feeRouterAbi)).toEqual({
      errorName: 'FeeRouterInvalidPeriod',
      args: [0n],
    })
    expect(await revertOf(deploying({ settler: zeroAddress }), feeRouterAbi)).toEqual({
      errorName: 'FeeRouterInvalidConfig',
      args: [],
    })
  })
})
