import { expect, it } from 'vitest'
import { addSafeSignature } from '../addSafeSignature.js'
import { deleteSafeTransactions } from '../deleteSafeTransactions.js'
import { getSafeTransaction } from '../getSafeTransaction.js'
import { insertSafeTransaction } from '../insertSafeTransaction.js'
import { listSafeSignatures } from '../listSafeSignatures.js'
import { listSafeTransactions } from '../listSafeTransactions.js'
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

  it("forgets one Safe's proposals and signatures on one chain, and nothing else", async () => {
    const safeAddress = randomAddress()
    const chainId = 1_000_000 + Math.floor(Math.random() * 1_000_000)
    const mine = [proposal({ chainId, safeAddress }), proposal({ chainId, safeAddress, nonce: 1n })]
    const otherSafe = proposal({ chainId })
    const otherChain = proposal({ chainId: chainId + 1, safeAddress })
    for (const p of [...mine, otherSafe, otherChain]) {
      await insertSafeTransaction(context.store, p)
      await addSafeSignature(context.store, {
        safeTxHash: p.safeTxHash,
        signer: randomAddress(),
        signature: randomSignature(),
      })
    }
    expect(await deleteSafeTransactions(context.store, { chainId, safeAddress })).toBe(2)
    for (const p of mine) {
      expect(await getSafeTransaction(context.store, p.safeTxHash)).toBeUndefined()
      expect(await listSafeSignatures(context.store, p.safeTxHash)).toEqual([])
    }
    expect(await listSafeSignatures(context.store, otherSafe.safeTxHash)).toHaveLength(1)
    expect(await listSafeTransactions(context.store, { chainId: chainId + 1 })).toHaveLength(1)
    expect(await deleteSafeTransactions(context.store, { chainId })).toBe(1)
    await expect(deleteSafeTransactions(context.store, { chainId: 0 })).rejects.toMatchObject({
      name: 'InvalidStoreInputError',
      field: 'chainId',
    })
  })
}
