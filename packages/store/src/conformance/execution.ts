import { expect, it } from 'vitest'
import { addSafeSignature } from '../addSafeSignature.js'
import { getSafeTransaction } from '../getSafeTransaction.js'
import { insertSafeTransaction } from '../insertSafeTransaction.js'
import { listSafeSignatures } from '../listSafeSignatures.js'
import { markSafeTransactionExecuted } from '../markSafeTransactionExecuted.js'
import { withTransaction } from '../withTransaction.js'
import type { ConformanceContext } from './context.js'
import { proposal, randomAddress, randomHash, randomSignature } from './fixtures.js'

export function describeExecution(context: ConformanceContext): void {
  it('marks a proposal executed once', async () => {
    const { safeTxHash } = await insertSafeTransaction(context.store, proposal())
    const executedTxHash = randomHash()
    const executedAt = new Date('2025-02-03T04:05:06.789Z')
    const executed = await markSafeTransactionExecuted(context.store, {
      safeTxHash,
      executedTxHash,
      executedAt,
    })
    expect(executed).toMatchObject({ safeTxHash, status: 'executed', executedTxHash, executedAt })
    expect(await getSafeTransaction(context.store, safeTxHash)).toEqual(executed)
    const twice = markSafeTransactionExecuted(context.store, { safeTxHash, executedTxHash })
    await expect(twice).rejects.toMatchObject({ name: 'SafeTransactionAlreadyExecutedError', executedTxHash })
    const unknown = markSafeTransactionExecuted(context.store, { safeTxHash: randomHash(), executedTxHash })
    await expect(unknown).rejects.toMatchObject({ name: 'SafeTransactionNotFoundError' })
    const malformed = markSafeTransactionExecuted(context.store, { safeTxHash, executedTxHash: '0x12' })
    await expect(malformed).rejects.toMatchObject({ name: 'InvalidStoreInputError', field: 'executedTxHash' })
  })

  it('rolls back everything withTransaction wrote when its callback throws', async () => {
    const input = proposal()
    const failure = new Error('halfway')
    const attempt = withTransaction(context.store, async (tx) => {
      await insertSafeTransaction(tx, input)
      await addSafeSignature(tx, {
        safeTxHash: input.safeTxHash,
        signer: randomAddress(),
        signature: randomSignature(),
      })
      expect(await listSafeSignatures(tx, input.safeTxHash)).toHaveLength(1)
      throw failure
    })
    await expect(attempt).rejects.toBe(failure)
    expect(await getSafeTransaction(context.store, input.safeTxHash)).toBeUndefined()
    expect(await listSafeSignatures(context.store, input.safeTxHash)).toEqual([])
  })

  it('commits what withTransaction wrote and returns its result; nested calls join', async () => {
    const input = proposal()
    const result = await withTransaction(context.store, async (tx) => {
      const stored = await insertSafeTransaction(tx, input)
      await withTransaction(tx, (inner) =>
        addSafeSignature(inner, {
          safeTxHash: stored.safeTxHash,
          signer: randomAddress(),
          signature: randomSignature(),
        }),
      )
      return stored.safeTxHash
    })
    expect(result).toBe(input.safeTxHash)
    expect(await getSafeTransaction(context.store, input.safeTxHash)).toBeDefined()
    expect(await listSafeSignatures(context.store, input.safeTxHash)).toHaveLength(1)
  })
}
