import { datanetRegistryAbi } from '@openledger/contracts'
import { keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contributeText } from '../testing/contributeText.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import { getRow } from './getRow.js'
import { reviewRow } from './reviewRow.js'

let env: DatanetTestEnv
beforeAll(async () => {
  env = await datanetTestEnv()
})
afterAll(() => env?.cleanup())

let n = 0
const pendingRow = () =>
  contributeText(env.store, env.datanet, env.alice, `Row number ${++n} of the review tests.`)

describe('reviewRow', () => {
  it('lets the curator accept a pending row, once, recording who and when', async () => {
    const { rowId } = await pendingRow()
    const before = new Date()
    const row = await reviewRow(env.chain.connection, env.store, {
      rowId,
      curator: env.curator.address,
      decision: 'accepted',
    })
    expect(row).toMatchObject({
      rowId,
      status: 'accepted',
      review: { curator: env.curator.address, reason: null },
    })
    expect(row.review!.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
    for (const decision of ['accepted', 'rejected'] as const)
      await expect(
        reviewRow(env.chain.connection, env.store, {
          rowId,
          curator: env.curator.address,
          decision,
          reason: 'x',
        }),
      ).rejects.toMatchObject({ name: 'RowAlreadyReviewedError', rowId, status: 'accepted' })
  })

  it('rejects only with a reason', async () => {
    const { rowId } = await pendingRow()
    for (const reason of [undefined, '', '   '])
      await expect(
        reviewRow(env.chain.connection, env.store, {
          rowId,
          curator: env.curator.address,
          decision: 'rejected',
          reason,
        }),
      ).rejects.toMatchObject({ name: 'ReviewReasonRequiredError', rowId })
    expect((await getRow(env.store, rowId)).status).toBe('pending')
    const row = await reviewRow(env.chain.connection, env.store, {
      rowId,
      curator: env.curator.address,
      decision: 'rejected',
      reason: ' off-topic ',
    })
    expect(row).toMatchObject({ status: 'rejected', review: { reason: 'off-topic' } })
  })

  it('refuses anyone but the on-chain curator', async () => {
    const { rowId } = await pendingRow()
    const error = await reviewRow(env.chain.connection, env.store, {
      rowId,
      curator: env.alice.address,
      decision: 'accepted',
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'NotCuratorError',
      caller: env.alice.address,
      curator: env.curator.address,
    })
    expect((error as Error).message).toContain(`${env.alice.address} is not the curator of datanet`)
    expect((await getRow(env.store, rowId)).status).toBe('pending')
  })

  it('follows a curator hand-over on-chain at once', async () => {
    const datanet = await env.newDatanet()
    const { rowId } = await contributeText(env.store, datanet, env.alice, 'A row of the hand-over datanet.')
    const hash = await env.chain.connection.walletClient(env.curator).writeContract({
      address: env.registry,
      abi: datanetRegistryAbi,
      functionName: 'setCurator',
      args: [datanet.datanetId, env.bob.address],
    })
    await env.chain.connection.publicClient.waitForTransactionReceipt({ hash })
    await expect(
      reviewRow(env.chain.connection, env.store, {
        rowId,
        curator: env.curator.address,
        decision: 'accepted',
      }),
    ).rejects.toMatchObject({ name: 'NotCuratorError', curator: env.bob.address })
    const row = await reviewRow(env.chain.connection, env.store, {
      rowId,
      curator: env.bob.address,
      decision: 'accepted',
    })
    expect(row.review?.curator).toBe(env.bob.address)
  })

  it('lets exactly one of two racing reviews through', async () => {
    const { rowId } = await pendingRow()
    const curator = env.curator.address
    const results = await Promise.allSettled([
      reviewRow(env.chain.connection, env.store, { rowId, curator, decision: 'accepted' }),
      reviewRow(env.chain.connection, env.store, { rowId, curator, decision: 'rejected', reason: 'dup' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const [refused] = results.filter((r) => r.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ name: 'RowAlreadyReviewedError' })
  })

  it('refuses an unknown row', async () => {
    const rowId = keccak256(toHex('no such row'))
    await expect(
      reviewRow(env.chain.connection, env.store, {
        rowId,
        curator: env.curator.address,
        decision: 'accepted',
      }),
    ).rejects.toMatchObject({ name: 'UnknownRowError', rowId })
  })
})
