import { datanetRegistryAbi } from '@openledger/contracts'
import { type Hex, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRows } from '../rows/listRows.js'
import { reviewRow } from '../rows/reviewRow.js'
import { findPendingBatch } from '../store/findPendingBatch.js'
import { reserveBatch } from '../store/reserveBatch.js'
import { updateBatch } from '../store/updateBatch.js'
import { contributeText } from '../testing/contributeText.js'
import { type Backend, type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import type { Datanet } from '../types.js'
import { commitBatch } from './commitBatch.js'
import { rowProof } from './rowProof.js'
import { sendBatch } from './sendBatch.js'
import { verifyRowOnChain } from './verifyRowOnChain.js'

let n = 0
async function reviewed(
  env: DatanetTestEnv,
  datanet: Datanet,
  decisions: ('accepted' | 'rejected' | 'pending')[],
) {
  const rows = []
  for (const [i, decision] of decisions.entries()) {
    const contributor = i % 2 === 0 ? env.alice : env.bob
    const row = await contributeText(
      env.store,
      datanet,
      contributor,
      `Story ${++n}: Lily and Tom played ${i}.`,
    )
    if (decision !== 'pending')
      await reviewRow(env.chain.connection, env.store, {
        rowId: row.rowId,
        curator: datanet.curator,
        decision,
        reason: decision === 'rejected' ? 'off-topic' : undefined,
      })
    rows.push({ ...row, decision })
  }
  return rows
}
const onChainBatch = (env: DatanetTestEnv, datanet: Datanet, index: number) =>
  env.chain.connection.publicClient.readContract({
    address: env.registry,
    abi: datanetRegistryAbi,
    functionName: 'batch',
    args: [datanet.datanetId, BigInt(index)],
  })
const batchCount = async (env: DatanetTestEnv, datanet: Datanet) =>
  (
    await env.chain.connection.publicClient.readContract({
      address: env.registry,
      abi: datanetRegistryAbi,
      functionName: 'datanet',
      args: [datanet.datanetId],
    })
  ).batchCount

describe.each<Backend>(['sqlite', 'postgres'])('commitBatch (%s)', (backend) => {
  let env: DatanetTestEnv
  beforeAll(async () => {
    env = await datanetTestEnv(backend)
  })
  afterAll(() => env?.cleanup())

  it('commits the accepted rows; every committed row’s proof verifies on-chain', async () => {
    const datanet = await env.newDatanet()
    const rows = await reviewed(env, datanet, [
      'accepted',
      'rejected',
      'accepted',
      'pending',
      'accepted',
      'accepted',
      'accepted',
    ])
    const accepted = rows.filter((r) => r.decision === 'accepted')
    const result = await commitBatch(env.chain.connection, env.store, {
      datanet,
      account: env.curator,
      uri: 'ipfs://b0',
    })
    expect(result).toMatchObject({ batchIndex: 0, rowCount: 5, resumed: false })
    expect(new Set(result.rowIds)).toEqual(new Set(accepted.map((r) => r.rowId)))
    expect(await onChainBatch(env, datanet, 0)).toMatchObject({
      root: result.root,
      rowCount: 5,
      uri: 'ipfs://b0',
    })
    for (const row of accepted) {
      const proof = await rowProof(env.store, row.rowId)
      expect(proof).toMatchObject({ batchIndex: 0, root: result.root, contributor: row.contributor })
      expect(await verifyRowOnChain(env.chain.connection, proof)).toBe(true)
      expect(
        await verifyRowOnChain(env.chain.connection, { ...proof, contributor: env.curator.address }),
      ).toBe(false)
    }
    for (const row of rows.filter((r) => r.decision !== 'accepted'))
      await expect(rowProof(env.store, row.rowId)).rejects.toMatchObject({ name: 'RowNotCommittedError' })
    expect(await listRows(env.store, { datanet, committed: true })).toHaveLength(5)

    const [later] = await reviewed(env, datanet, ['accepted'])
    const second = await commitBatch(env.chain.connection, env.store, { datanet, account: env.curator })
    expect(second).toMatchObject({ batchIndex: 1, rowCount: 1, rowIds: [later!.rowId] })
    expect(await verifyRowOnChain(env.chain.connection, await rowProof(env.store, later!.rowId))).toBe(true)
    await expect(
      commitBatch(env.chain.connection, env.store, { datanet, account: env.curator }),
    ).rejects.toMatchObject({
      name: 'NothingToCommitError',
    })
  })
})

describe('commitBatch failures and retries', () => {
  let env: DatanetTestEnv
  beforeAll(async () => {
    env = await datanetTestEnv()
  })
  afterAll(() => env?.cleanup())

  it('refuses a non-curator before reserving anything', async () => {
    const datanet = await env.newDatanet()
    await reviewed(env, datanet, ['accepted'])
    await expect(
      commitBatch(env.chain.connection, env.store, { datanet, account: env.alice }),
    ).rejects.toMatchObject({
      name: 'NotCuratorError',
      caller: env.alice.address,
    })
    expect(await findPendingBatch(env.store, datanet)).toBeUndefined()
  })

  it('leaves the rows uncommitted when the transaction fails, and commits them on retry', async () => {
    const broke = privateKeyToAccount(generatePrivateKey())
    const datanet = await env.newDatanet({ curator: broke.address })
    const rows = await reviewed(env, datanet, ['accepted', 'accepted'])
    const error = await commitBatch(env.chain.connection, env.store, { datanet, account: broke }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'BatchCommitFailedError' })
    expect((error as { reason: string }).reason).toMatch(/funds/i)
    expect(await listRows(env.store, { datanet, committed: false })).toHaveLength(2)
    expect((await listRows(env.store, { datanet })).every((r) => r.batch === null)).toBe(true)
    expect(await findPendingBatch(env.store, datanet)).toBeUndefined()
    expect(await batchCount(env, datanet)).toBe(0)

    await env.testClient.setBalance({ address: broke.address, value: parseEther('1') })
    const result = await commitBatch(env.chain.connection, env.store, { datanet, account: broke })
    expect(result).toMatchObject({ batchIndex: 0, rowCount: 2, resumed: false })
    for (const row of rows)
      expect(await verifyRowOnChain(env.chain.connection, await rowProof(env.store, row.rowId))).toBe(true)
  })

  it('finishes a commit that crashed after its transaction was mined, without sending another', async () => {
    const datanet = await env.newDatanet()
    const rows = await reviewed(env, datanet, ['accepted', 'accepted', 'accepted'])
    const batch = (await reserveBatch(env.store, datanet, ''))!
    // The crash: the transaction got through but its hash never reached the store.
    const sent = await sendBatch(
      env.chain.connection,
      env.curator,
      { datanet, root: batch.root as Hex, rowCount: 3, uri: '' },
      async () => {},
    )
    expect(sent.outcome).toBe('mined')
    const later = await reviewed(env, datanet, ['accepted'])
    const result = await commitBatch(env.chain.connection, env.store, { datanet, account: env.curator })
    expect(result).toMatchObject({
      batchIndex: 0,
      root: batch.root,
      rowCount: 3,
      txHash: null,
      resumed: true,
    })
    expect(await batchCount(env, datanet)).toBe(1)
    for (const row of rows)
      expect(await verifyRowOnChain(env.chain.connection, await rowProof(env.store, row.rowId))).toBe(true)
    // The row accepted meanwhile waited for the next batch.
    expect(
      await commitBatch(env.chain.connection, env.store, { datanet, account: env.curator }),
    ).toMatchObject({
      batchIndex: 1,
      rowIds: [later[0]!.rowId],
    })
  })

  it('waits for the transaction an interrupted commit had sent', async () => {
    const datanet = await env.newDatanet()
    await reviewed(env, datanet, ['accepted', 'accepted'])
    const batch = (await reserveBatch(env.store, datanet, 'ipfs://x'))!
    let hash: Hex | undefined
    await sendBatch(
      env.chain.connection,
      env.curator,
      { datanet, root: batch.root as Hex, rowCount: 2, uri: 'ipfs://x' },
      async (h) => {
        hash = h
        await updateBatch(env.store, batch.root, { tx_hash: h })
      },
    )
    const result = await commitBatch(env.chain.connection, env.store, { datanet, account: env.curator })
    expect(result).toMatchObject({ batchIndex: 0, txHash: hash, resumed: true, rowCount: 2 })
    expect(await batchCount(env, datanet)).toBe(1)
  })

  it('sends a reserved batch that never reached the chain', async () => {
    const datanet = await env.newDatanet()
    await reviewed(env, datanet, ['accepted'])
    const batch = (await reserveBatch(env.store, datanet, ''))!
    await reviewed(env, datanet, ['accepted'])
    const result = await commitBatch(env.chain.connection, env.store, { datanet, account: env.curator })
    expect(result).toMatchObject({ batchIndex: 0, root: batch.root, rowCount: 1, resumed: true })
    expect(result.txHash).toMatch(/^0x/)
  })
})
