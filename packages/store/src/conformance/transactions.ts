import { expect, it } from 'vitest'
import { addSafeSignature } from '../addSafeSignature.js'
import { getSafeTransaction } from '../getSafeTransaction.js'
import { insertSafeTransaction } from '../insertSafeTransaction.js'
import { listSafeTransactions } from '../listSafeTransactions.js'
import { markSafeTransactionExecuted } from '../markSafeTransactionExecuted.js'
import type { Hex, NewSafeTransaction } from '../types.js'
import type { ConformanceContext } from './context.js'
import { proposal, randomAddress, randomHash, randomSignature } from './fixtures.js'

export function describeTransactions(context: ConformanceContext): void {
  it('inserts a proposal and reads it back', async () => {
    const input = proposal({
      data: '0xA9059CBB',
      operation: 1,
      createdAt: new Date('2025-01-02T03:04:05.678Z'),
    })
    const stored = await insertSafeTransaction(context.store, input)
    const { createdAt: _, ...fields } = input
    expect(stored).toEqual({
      ...fields,
      data: '0xa9059cbb',
      status: 'proposed',
      executedTxHash: null,
      createdAt: new Date('2025-01-02T03:04:05.678Z'),
      executedAt: null,
    })
    expect(await getSafeTransaction(context.store, input.safeTxHash)).toEqual(stored)
    expect(await getSafeTransaction(context.store, randomHash())).toBeUndefined()
  })

  it('lists by filters, ordered by nonce numerically then creation time', async () => {
    const safeAddress = randomAddress()
    const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second))
    const insert = (overrides: Partial<NewSafeTransaction>) =>
      insertSafeTransaction(context.store, proposal({ safeAddress, ...overrides }))
    const ten = await insert({ nonce: 10n, createdAt: at(1) })
    const twoLate = await insert({ nonce: 2n, createdAt: at(9) })
    const nine = await insert({ nonce: 9n, createdAt: at(2) })
    const twoEarly = await insert({ nonce: 2n, createdAt: at(3) })
    const otherChain = await insert({ nonce: 1n, chainId: 17000, createdAt: at(4) })
    await insertSafeTransaction(context.store, proposal({ nonce: 0n }))
    const hashes = (rows: { safeTxHash: Hex }[]) => rows.map((row) => row.safeTxHash)

    const all = await listSafeTransactions(context.store, { safeAddress })
    expect(hashes(all)).toEqual(hashes([otherChain, twoEarly, twoLate, nine, ten]))
    const onChain = await listSafeTransactions(context.store, { safeAddress, chainId: 1612 })
    expect(hashes(onChain)).toEqual(hashes([twoEarly, twoLate, nine, ten]))

    await markSafeTransactionExecuted(context.store, {
      safeTxHash: nine.safeTxHash,
      executedTxHash: randomHash(),
    })
    const proposed = await listSafeTransactions(context.store, { safeAddress, status: 'proposed' })
    expect(hashes(proposed)).toEqual(hashes([otherChain, twoEarly, twoLate, ten]))
    const executed = await listSafeTransactions(context.store, { safeAddress, status: 'executed' })
    expect(hashes(executed)).toEqual([nine.safeTxHash])
  })

  it('lists by proposer and by whether any signature is stored', async () => {
    const safeAddress = randomAddress()
    const agent = randomAddress()
    const insert = (overrides: Partial<NewSafeTransaction>) =>
      insertSafeTransaction(context.store, proposal({ safeAddress, ...overrides }))
    const request = await insert({ proposer: agent, nonce: 1n })
    const signedRequest = await insert({ proposer: agent, nonce: 2n })
    const owners = await insert({ nonce: 3n })
    for (const { safeTxHash } of [signedRequest, owners])
      await addSafeSignature(context.store, {
        safeTxHash,
        signer: randomAddress(),
        signature: randomSignature(),
      })
    const hashes = (rows: { safeTxHash: Hex }[]) => rows.map((row) => row.safeTxHash)
    const list = (filters: { proposer?: typeof agent; signed?: boolean }) =>
      listSafeTransactions(context.store, { safeAddress, ...filters }).then(hashes)
    expect(await list({ proposer: agent })).toEqual(hashes([request, signedRequest]))
    expect(await list({ signed: false })).toEqual(hashes([request]))
    expect(await list({ signed: true })).toEqual(hashes([signedRequest, owners]))
    expect(await list({ proposer: agent, signed: true })).toEqual(hashes([signedRequest]))
    await expect(list({ proposer: '0xnope' as typeof agent })).rejects.toMatchObject({
      name: 'InvalidStoreInputError',
    })
  })

  it('is idempotent: the same proposal again returns the stored row', async () => {
    const input = proposal({ description: undefined, createdAt: new Date('2025-01-01T00:00:00.000Z') })
    const first = await insertSafeTransaction(context.store, input)
    const again = await insertSafeTransaction(context.store, { ...input, createdAt: new Date() })
    expect(again).toEqual(first)
    expect(again.description).toBeNull()
  })

  it('rejects a different proposal under the same hash and keeps the stored one', async () => {
    const input = proposal()
    const stored = await insertSafeTransaction(context.store, input)
    const conflicting = insertSafeTransaction(context.store, { ...input, value: input.value + 1n, nonce: 5n })
    await expect(conflicting).rejects.toMatchObject({
      name: 'SafeTransactionConflictError',
      safeTxHash: input.safeTxHash,
      fields: ['value', 'nonce'],
    })
    expect(await getSafeTransaction(context.store, input.safeTxHash)).toEqual(stored)
  })

  it('round-trips amounts above 2^64 exactly', async () => {
    const huge = 2n ** 64n * 3n + 7n
    const maxUint256 = 2n ** 256n - 1n
    const input = proposal({
      value: maxUint256,
      nonce: huge,
      safeTxGas: huge + 1n,
      baseGas: huge,
      gasPrice: huge,
    })
    await insertSafeTransaction(context.store, input)
    const stored = await getSafeTransaction(context.store, input.safeTxHash)
    expect(stored).toMatchObject({ value: maxUint256, nonce: huge, safeTxGas: huge + 1n, gasPrice: huge })
    expect(typeof stored?.value).toBe('bigint')
  })

  it('rejects malformed hashes, addresses and amounts before touching the database', async () => {
    const invalid = (field: string) => ({ name: 'InvalidStoreInputError', field })
    await expect(getSafeTransaction(context.store, '0x1234')).rejects.toMatchObject(invalid('safeTxHash'))
    const upper = randomHash().toUpperCase().replace('0X', '0x') as Hex
    await expect(getSafeTransaction(context.store, upper)).rejects.toMatchObject(invalid('safeTxHash'))
    const bad: [Partial<Record<keyof NewSafeTransaction, unknown>>, string][] = [
      [{ safeAddress: '0x1234' }, 'safeAddress'],
      [{ to: `0x${'g'.repeat(40)}` }, 'to'],
      [{ value: -1n }, 'value'],
      [{ value: 1 }, 'value'],
      [{ nonce: 2n ** 256n }, 'nonce'],
      [{ data: '0xabc' }, 'data'],
      [{ operation: 2 }, 'operation'],
      [{ chainId: 0 }, 'chainId'],
    ]
    for (const [overrides, field] of bad) {
      const input = { ...proposal(), ...overrides } as NewSafeTransaction
      await expect(insertSafeTransaction(context.store, input)).rejects.toMatchObject(invalid(field))
      expect(await getSafeTransaction(context.store, input.safeTxHash)).toBeUndefined()
    }
    await expect(listSafeTransactions(context.store, { safeAddress: '0xnope' })).rejects.toMatchObject(
      invalid('safeAddress'),
    )
  })
}
