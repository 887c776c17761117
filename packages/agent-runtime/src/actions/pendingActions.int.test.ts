import { randomBytes } from 'node:crypto'
import { openStore, type Store, sql } from '@openledger/store'
import { describeSchemaConformance } from '@openledger/store/conformance'
import type { Address, Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { actionsSchema } from './actionsSchema.js'
import { cancelPendingAction } from './cancelPendingAction.js'
import { confirmPendingAction } from './confirmPendingAction.js'
import { createPendingAction } from './createPendingAction.js'
import { getPendingAction } from './getPendingAction.js'
import { linkActionReceipt } from './linkActionReceipt.js'
import { listPendingActions } from './listPendingActions.js'

const postgresUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
describeSchemaConformance(actionsSchema, { postgresUrl })

const payer: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const stranger: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const txHash = `0x${'ab'.repeat(32)}` as Hex
const propose = (store: Store, options: { ttlMs?: number; now?: Date } = {}) =>
  createPendingAction(store, {
    agentId: 'ai-wallet',
    payer,
    kind: 'transfer',
    summary: 'Send 5 OPEN to 0x9965…A4dc',
    params: { token: 'OPEN', amount: '5000000000000000000', to: stranger },
    ...options,
  })

describe.each([
  ['sqlite', () => openStore({ databaseUrl: ':memory:', schemas: [actionsSchema] })],
  [
    'postgres',
    () =>
      openStore({
        databaseUrl: postgresUrl,
        schema: `actions_${randomBytes(4).toString('hex')}`,
        schemas: [actionsSchema],
      }),
  ],
] as const)('pending actions on %s', (dialect, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open()
  })
  afterAll(async () => {
    if (dialect === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db)
    }
    await store.close()
  })

  test('an action gets an unguessable id, is listed for its payer only, and moves nothing until confirmed', async () => {
    const [a, b] = await Promise.all([propose(store), propose(store)])
    expect(a.id).toMatch(/^act_[0-9a-f]{32}$/)
    expect(a.id).not.toBe(b!.id)
    expect(a).toMatchObject({ status: 'pending', payer, txHash: null, kind: 'transfer' })
    const listed = await listPendingActions(store, { payer, status: 'pending' })
    expect(listed.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b!.id]))
    expect(await listPendingActions(store, { payer: stranger })).toEqual([])
  })

  test('twenty concurrent confirms run it once; later confirms say it is done, with its transaction', async () => {
    const action = await propose(store)
    let runs = 0
    const run = async () => {
      runs += 1
      return { ok: true, txHash, result: { sent: '5' } }
    }
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => confirmPendingAction(store, { id: action.id, payer, run })),
    )
    expect(runs).toBe(1)
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1)
    for (const s of settled.filter((s) => s.status === 'rejected'))
      expect((s as PromiseRejectedResult).reason.name).toBe('PendingActionNotPendingError')
    await expect(confirmPendingAction(store, { id: action.id, payer, run })).rejects.toThrowError(
      `Action ${action.id} is already done (transaction ${txHash}): an action runs at most once. Nothing more was done.`,
    )
    expect(runs).toBe(1)
    await linkActionReceipt(store, { id: action.id, receiptId: txHash })
    expect(await getPendingAction(store, { id: action.id, payer })).toMatchObject({
      status: 'done',
      txHash,
      outcome: '{"sent":"5"}',
      receiptId: txHash,
    })
  })

  test('another account, an unknown id, an expired or cancelled action: refused with why, nothing runs', async () => {
    const run = async () => {
      throw new Error('must not run')
    }
    const action = await propose(store)
    await expect(confirmPendingAction(store, { id: action.id, payer: stranger, run })).rejects.toThrowError(
      `Action ${action.id} was not proposed to you`,
    )
    await expect(confirmPendingAction(store, { id: 'act_nope', payer, run })).rejects.toMatchObject({
      name: 'PendingActionNotFoundError',
    })
    const old = await propose(store, { ttlMs: 1000, now: new Date(Date.now() - 5000) })
    await expect(confirmPendingAction(store, { id: old.id, payer, run })).rejects.toThrowError(
      `Action ${old.id} expired at ${old.expiresAt}. Nothing was done`,
    )
    await expect(cancelPendingAction(store, { id: action.id, payer: stranger })).rejects.toMatchObject({
      name: 'PendingActionNotYoursError',
    })
    expect((await cancelPendingAction(store, { id: action.id, payer })).status).toBe('cancelled')
    await expect(confirmPendingAction(store, { id: action.id, payer, run })).rejects.toThrowError(
      `Action ${action.id} is cancelled`,
    )
    expect((await getPendingAction(store, { id: old.id, payer })).status).toBe('pending')
  })

  test('a run that throws leaves the action failed, and it does not run again', async () => {
    const action = await propose(store)
    await expect(
      confirmPendingAction(store, {
        id: action.id,
        payer,
        run: async () => {
          throw new Error('chain down')
        },
      }),
    ).rejects.toThrowError('chain down')
    const failed = await getPendingAction(store, { id: action.id, payer })
    expect(failed).toMatchObject({ status: 'failed', outcome: 'Error: chain down' })
  })
})
