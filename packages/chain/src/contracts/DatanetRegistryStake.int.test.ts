import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from '../testing/revertOf.js'
import { ALICE, BOB, CURATOR, OPEN, UNBONDING, useDatanetRegistry } from './datanetRegistryFixture.js'

const {
  address,
  registryAs,
  tokenAs,
  mined,
  timeOf,
  passTime,
  eventsIn,
  newDatanet,
  treasury,
  registryAddress,
} = useDatanetRegistry()

describe('contributor stake', () => {
  async function staked(who: number, id: bigint, amount: bigint) {
    await mined(tokenAs(who).write.approve([registryAddress(), amount]))
    return mined(registryAs(who).write.stake([id, amount]))
  }
  const stakeOf = (id: bigint, who: number) => registryAs(0).read.stakeOf([id, address(who)])
  const balance = (holder: Address) => tokenAs(0).read.balanceOf([holder])

  it('stakes OPEN on a datanet, pulling the tokens in', async () => {
    const id = await newDatanet()
    const receipt = await staked(ALICE, id, OPEN(100n))
    expect(eventsIn(receipt)).toEqual([
      ['ContributorStaked', { datanetId: id, contributor: address(ALICE), amount: OPEN(100n) }],
    ])
    expect(await stakeOf(id, ALICE)).toEqual({ active: OPEN(100n), unbonding: 0n, unbondingEnds: 0n })
    expect(await balance(address(ALICE))).toBe(OPEN(900n))
    expect(await balance(registryAddress())).toBe(OPEN(100n))
  })

  it('refuses a stake of zero, on an unknown datanet, or without allowance', async () => {
    const id = await newDatanet()
    expect(await revertOf(registryAs(ALICE).write.stake([id, 0n]))).toEqual({
      errorName: 'DatanetRegistryZeroAmount',
      args: [],
    })
    expect(await revertOf(registryAs(ALICE).write.stake([7n, 1n]))).toEqual({
      errorName: 'DatanetRegistryUnknownDatanet',
      args: [7n],
    })
    expect(await revertOf(registryAs(ALICE).write.stake([id, 1n]))).toEqual({
      errorName: 'ERC20InsufficientAllowance',
      args: [registryAddress(), 0n, 1n],
    })
  })

  it('unbonds for the unbonding period, restarted by each new request, then withdraws', async () => {
    const id = await newDatanet()
    await staked(ALICE, id, OPEN(100n))
    const registry = registryAs(ALICE)
    const first = await mined(registry.write.requestUnstake([id, OPEN(30n)]))
    const firstEnds = (await timeOf(first)) + UNBONDING
    expect(eventsIn(first)).toEqual([
      [
        'UnstakeRequested',
        { datanetId: id, contributor: address(ALICE), amount: OPEN(30n), unbondingEnds: firstEnds },
      ],
    ])
    expect(await stakeOf(id, ALICE)).toEqual({
      active: OPEN(70n),
      unbonding: OPEN(30n),
      unbondingEnds: firstEnds,
    })
    await passTime(UNBONDING / 2n)
    const second = await mined(registry.write.requestUnstake([id, OPEN(20n)]))
    const ends = (await timeOf(second)) + UNBONDING
    expect(await stakeOf(id, ALICE)).toEqual({ active: OPEN(50n), unbonding: OPEN(50n), unbondingEnds: ends })

    await passTime(UNBONDING / 2n + 10n)
    expect(await revertOf(registry.write.withdrawStake([id]))).toEqual({
      errorName: 'DatanetRegistryUnbonding',
      args: [id, address(ALICE), ends],
    })
    await passTime(UNBONDING)
    const withdrawn = await mined(registry.write.withdrawStake([id]))
    expect(eventsIn(withdrawn)).toEqual([
      ['StakeWithdrawn', { datanetId: id, contributor: address(ALICE), amount: OPEN(50n) }],
    ])
    expect(await stakeOf(id, ALICE)).toMatchObject({ active: OPEN(50n), unbonding: 0n })
    expect(await balance(address(ALICE))).toBe(OPEN(950n))
    expect(await revertOf(registry.write.withdrawStake([id]))).toEqual({
      errorName: 'DatanetRegistryZeroAmount',
      args: [],
    })
  })

  it('refuses to unbond zero or more than the active stake', async () => {
    const id = await newDatanet()
    await staked(ALICE, id, OPEN(10n))
    const registry = registryAs(ALICE)
    expect(await revertOf(registry.write.requestUnstake([id, 0n]))).toEqual({
      errorName: 'DatanetRegistryZeroAmount',
      args: [],
    })
    expect(await revertOf(registry.write.requestUnstake([id, OPEN(11n)]))).toEqual({
      errorName: 'DatanetRegistryInsufficientStake',
      args: [id, address(ALICE), OPEN(10n), OPEN(11n)],
    })
    await mined(registry.write.requestUnstake([id, OPEN(4n)]))
    expect(await revertOf(registry.write.requestUnstake([id, OPEN(7n)]))).toEqual({
      errorName: 'DatanetRegistryInsufficientStake',
      args: [id, address(ALICE), OPEN(6n), OPEN(7n)],
    })
  })
})

describe('slashContributor', () => {
  async function staked(who: number, id: bigint, amount: bigint) {
    await mined(tokenAs(who).write.approve([registryAddress(), amount]))
    await mined(registryAs(who).write.stake([id, amount]))
  }
  const stakeOf = (id: bigint, who: number) => registryAs(0).read.stakeOf([id, address(who)])
  const balance = (holder: Address) => tokenAs(0).read.balanceOf([holder])

  it('takes active stake first, then unbonding stake, to the treasury, with the reason', async () => {
    const id = await newDatanet()
    await staked(ALICE, id, OPEN(100n))
    await mined(registryAs(ALICE).write.requestUnstake([id, OPEN(60n)]))
    const treasuryBefore = await balance(treasury())
    const first = await mined(
      registryAs(CURATOR).write.slashContributor([id, address(ALICE), OPEN(30n), 'spam']),
    )
    expect(eventsIn(first)).toEqual([
      [
        'ContributorSlashed',
        {
          datanetId: id,
          contributor: address(ALICE),
          amount: OPEN(30n),
          treasury: treasury(),
          reason: 'spam',
        },
      ],
    ])
    expect(await stakeOf(id, ALICE)).toMatchObject({ active: OPEN(10n), unbonding: OPEN(60n) })
    await mined(registryAs(CURATOR).write.slashContributor([id, address(ALICE), OPEN(25n), 'more spam']))
    expect(await stakeOf(id, ALICE)).toMatchObject({ active: 0n, unbonding: OPEN(45n) })
    expect(await balance(treasury())).toBe(treasuryBefore + OPEN(55n))
    expect(await balance(registryAddress())).toBe(OPEN(45n))
  })

  it('reaches stake that is unbonding: unstaking cannot dodge a slash', async () => {
    const id = await newDatanet()
    await staked(BOB, id, OPEN(50n))
    await mined(registryAs(BOB).write.requestUnstake([id, OPEN(50n)]))
    await passTime(UNBONDING - 100n)
    await mined(registryAs(CURATOR).write.slashContributor([id, address(BOB), OPEN(50n), 'plagiarised rows']))
    await passTime(200n)
    expect(await stakeOf(id, BOB)).toMatchObject({ active: 0n, unbonding: 0n })
    expect(await revertOf(registryAs(BOB).write.withdrawStake([id]))).toEqual({
      errorName: 'DatanetRegistryZeroAmount',
      args: [],
    })
    expect(await balance(address(BOB))).toBe(OPEN(950n))
  })

  it('is for the curator only, with a reason, an amount above zero and within the whole stake', async () => {
    const id = await newDatanet()
    await staked(ALICE, id, OPEN(10n))
    await mined(registryAs(ALICE).write.requestUnstake([id, OPEN(4n)]))
    const slash = (who: number, amount: bigint, reason: string) =>
      revertOf(registryAs(who).write.slashContributor([id, address(ALICE), amount, reason]))
    expect(await slash(ALICE, 1n, 'x')).toEqual({
      errorName: 'DatanetRegistryUnauthorizedCurator',
      args: [id, address(ALICE)],
    })
    expect(await slash(CURATOR, 1n, '')).toEqual({ errorName: 'DatanetRegistryEmptyReason', args: [] })
    expect(await slash(CURATOR, 0n, 'x')).toEqual({ errorName: 'DatanetRegistryZeroAmount', args: [] })
    expect(await slash(CURATOR, OPEN(10n) + 1n, 'x')).toEqual({
      errorName: 'DatanetRegistryInsufficientStake',
      args: [id, address(ALICE), OPEN(10n), OPEN(10n) + 1n],
    })
    expect(await stakeOf(id, ALICE)).toMatchObject({ active: OPEN(6n), unbonding: OPEN(4n) })
  })

  it('keeps stakes per datanet: one datanet’s curator cannot touch another’s stake', async () => {
    const [id, other] = [await newDatanet(), await newDatanet()]
    await mined(registryAs(CURATOR).write.setCurator([other, address(BOB)]))
    await staked(ALICE, id, OPEN(10n))
    expect(await revertOf(registryAs(BOB).write.slashContributor([other, address(ALICE), 1n, 'x']))).toEqual({
      errorName: 'DatanetRegistryInsufficientStake',
      args: [other, address(ALICE), 0n, 1n],
    })
    expect(await revertOf(registryAs(BOB).write.slashContributor([id, address(ALICE), 1n, 'x']))).toEqual({
      errorName: 'DatanetRegistryUnauthorizedCurator',
      args: [id, address(BOB)],
    })
  })
})
