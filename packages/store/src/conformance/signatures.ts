import { expect, it } from 'vitest'
import { addSafeSignature } from '../addSafeSignature.js'
import { insertSafeTransaction } from '../insertSafeTransaction.js'
import { listSafeSignatures } from '../listSafeSignatures.js'
import type { Address, Hex } from '../types.js'
import type { ConformanceContext } from './context.js'
import { proposal, randomAddress, randomHash, randomSignature } from './fixtures.js'

export function describeSignatures(context: ConformanceContext): void {
  it('lists signatures by creation time, then signer in byte order', async () => {
    const { safeTxHash } = await insertSafeTransaction(context.store, proposal())
    const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second))
    // Same instant: byte order puts 'C' (0x43) before 'b' (0x62); a locale collation would not.
    const lower: Address = `0xb${'1'.repeat(39)}`
    const upper: Address = `0xC${'2'.repeat(39)}`
    const early = randomAddress()
    const late = randomAddress()
    for (const [signer, second] of [
      [lower, 5],
      [late, 3],
      [upper, 5],
      [early, 1],
    ] as const)
      await addSafeSignature(context.store, {
        safeTxHash,
        signer,
        signature: randomSignature(),
        createdAt: at(second),
      })
    const signers = (await listSafeSignatures(context.store, safeTxHash)).map((row) => row.signer)
    expect(signers).toEqual([early, late, upper, lower])
    expect(await listSafeSignatures(context.store, randomHash())).toEqual([])
  })

  it('is idempotent for the same signer and signature', async () => {
    const { safeTxHash } = await insertSafeTransaction(context.store, proposal())
    const signer = randomAddress()
    const signature = randomSignature()
    const first = await addSafeSignature(context.store, { safeTxHash, signer, signature })
    expect(first).toEqual({ safeTxHash, signer, signature, createdAt: expect.any(Date) })
    const again = await addSafeSignature(context.store, {
      safeTxHash,
      signer,
      signature: signature.toUpperCase().replace('0X', '0x') as Hex,
    })
    expect(again).toEqual(first)
    expect(await listSafeSignatures(context.store, safeTxHash)).toEqual([first])
  })

  it('rejects a second, different signature by the same signer and keeps the first', async () => {
    const { safeTxHash } = await insertSafeTransaction(context.store, proposal())
    const signer = randomAddress()
    const first = await addSafeSignature(context.store, { safeTxHash, signer, signature: randomSignature() })
    const second = addSafeSignature(context.store, { safeTxHash, signer, signature: randomSignature() })
    await expect(second).rejects.toMatchObject({ name: 'SafeSignatureConflictError', safeTxHash, signer })
    expect(await listSafeSignatures(context.store, safeTxHash)).toEqual([first])
  })

  it('refuses signatures over unknown transactions and malformed signatures', async () => {
    const unknown = randomHash()
    const signer = randomAddress()
    await expect(
      addSafeSignature(context.store, { safeTxHash: unknown, signer, signature: randomSignature() }),
    ).rejects.toMatchObject({ name: 'SafeTransactionNotFoundError', safeTxHash: unknown })
    const { safeTxHash } = await insertSafeTransaction(context.store, proposal())
    await expect(
      addSafeSignature(context.store, { safeTxHash, signer, signature: '0x1234' }),
    ).rejects.toMatchObject({
      name: 'InvalidStoreInputError',
      field: 'signature',
    })
    await expect(
      addSafeSignature(context.store, { safeTxHash, signer: '0xabc', signature: randomSignature() }),
    ).rejects.toMatchObject({ name: 'InvalidStoreInputError', field: 'signer' })
    expect(await listSafeSignatures(context.store, safeTxHash)).toEqual([])
  })
}
